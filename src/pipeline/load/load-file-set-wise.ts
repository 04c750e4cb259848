import { randomBytes } from 'node:crypto';
import {
  fieldsOf,
  IDENTIFIER_FIELDS,
  type IdentifierType,
} from '../../core/canonical/source-kinds.js';
import { TOUCHPOINT_TYPES } from '../../core/canonical/touchpoint-types.js';
import type { SourceConfig } from '../../core/config/config.js';
import { InputError, type Problem } from '../../core/errors.js';
import type { DeadLetterReason } from '../../core/ingest/dead-letter-reason.js';
import { RECORD_SEMANTICS } from '../../core/ingest/record-semantics.js';
import { parseValue } from '../../core/values/parse-value.js';
import type { Engine } from '../../engine/engine.js';
import { landingTableName } from '../../engine/schema/table-spec.js';
import {
  checkedRowsSql,
  type CheckPlan,
  type FieldSource,
} from '../../engine/sql/file-ingest/checked-rows-sql.js';
import {
  conflictsSql,
  decideSql,
  storeSqls,
  totalsSql,
  type StorePlan,
} from '../../engine/sql/file-ingest/store-checked-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { newBatchId } from '../ingest/batch-ids.js';
import { reasonProblem } from '../ingest/file-records.js';
import type { IngestEnvironment } from '../ingest/ingest-environment.js';
import type { IngestTotals } from '../ingest/ingest-totals.js';
import type { NativeCsv, SourceFile } from './source-file.js';

export interface SetWiseOptions {
  readonly strict: boolean;
  readonly batchRows: number;
  /** Batches this run wrote so far (strict runs): a record contradicting one of them is a conflict. */
  readonly ownBatches: Set<string>;
  /** How many problems a strict load lists before giving up. */
  readonly maxProblems: number;
}

const IDENTIFIERS = new Set<string>(IDENTIFIER_FIELDS);

/**
 * Loads one source file with the engine's own reader and SQL over the staged rows: the kind's
 * contract, normalisation, fingerprints, deduplication, dead letters and batch accounting, with
 * the same outcomes as the per-record path (test/file-ingest-conformance.test.ts). Returns null,
 * having changed nothing, when the file or environment needs the per-record path: no native
 * reader, not CSV, conversation events (event-type contracts), PII hashing, tombstones, a
 * timestamp_format, timezone, number_format, where or derived, or a
 * record the reader could not read (ragged rows are dead-lettered by the per-record path).
 */
export async function loadFileSetWise(
  engine: Engine,
  source: SourceConfig,
  file: SourceFile,
  env: IngestEnvironment,
  options: SetWiseOptions,
): Promise<IngestTotals | null> {
  const read = engine.dialect.readCsvFile;
  if (!read || !file.nativeCsv || file.columns === null) return null;
  if (source.kind === 'conversation_events' || env.normalise.hash) return null;
  // Export formats (timestamp_format, timezone, number_format) are read by the per-record path for now.
  if (source.timestampFormat ?? source.timezone ?? source.numberFormat) return null;
  if (source.where !== undefined || source.derived !== undefined) return null;
  const native = await file.nativeCsv();
  if (native === null) return null;
  if ((await engine.query(sql('SELECT 1 FROM tombstones LIMIT 1'))).length) return null;
  const tag = randomBytes(6).toString('hex');
  const t = {
    raw: `convrev_raw_${tag}`,
    checked: `convrev_checked_${tag}`,
    decided: `convrev_decided_${tag}`,
    rejects: `convrev_rejects_${tag}`,
    scans: `convrev_scans_${tag}`,
  };
  let failed = false;
  try {
    await engine.execute(
      sql(
        `CREATE TEMP TABLE ${engine.dialect.quoteIdentifier(t.raw)} AS SELECT * FROM ${read({
          path: native.path,
          columnCount: file.columns.length,
          delimiter: native.delimiter,
          skipLines: native.firstLine - 1,
          rejectsTable: t.rejects,
          rejectsScanTable: t.scans,
        })}`,
      ),
    );
    const rejected = await engine.query(
      sql(`SELECT count(*) AS n FROM ${engine.dialect.quoteIdentifier(t.rejects)}`),
    );
    if (Number(rejected[0]?.n ?? 0) > 0) return null;
    const plan = checkPlan(source, file.columns, native, env);
    await engine.execute(checkedRowsSql(plan, t.raw, t.checked));
    const count = await engine.query(
      sql(`SELECT count(*) AS n FROM ${engine.dialect.quoteIdentifier(t.checked)}`),
    );
    const rows = Number(count[0]?.n ?? 0);
    const receivedAt = Date.now();
    const batches = Math.max(1, Math.ceil(rows / options.batchRows));
    const store: StorePlan = {
      kind: source.kind,
      identity: RECORD_SEMANTICS[source.kind].identity,
      idField: RECORD_SEMANTICS[source.kind].idField,
      landingTable: landingTableName(source.kind),
      fields: fieldsOf(source.kind),
      sourceName: source.name,
      batchIds: Array.from({ length: batches }, () => newBatchId(receivedAt)).sort(),
      batchRows: options.batchRows,
      receivedAt,
    };
    if (options.strict) await refuseBadRecords(engine, t.checked, options.maxProblems);
    await engine.execute(
      decideSql(store, t.checked, t.decided, options.strict ? [...options.ownBatches] : []),
    );
    if (options.strict) await refuseConflicts(engine, store, t.checked, t.decided, options);
    for (const statement of storeSqls(store, t.checked, t.decided, !options.strict))
      await engine.execute(statement);
    store.batchIds.forEach((b) => options.ownBatches.add(b));
    const [totals] = await engine.query(totalsSql(t.checked, t.decided));
    return {
      offered: Number(totals?.offered ?? 0),
      stored: Number(totals?.stored ?? 0),
      updated: Number(totals?.updated ?? 0),
      duplicates: Number(totals?.duplicates ?? 0),
      deadLettered: Number(totals?.dead ?? 0),
      differingDuplicates: Number(totals?.differing ?? 0),
      batches: rows === 0 ? 0 : batches,
    };
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // After an engine error the transaction is aborted (and takes the tables with it): dropping
    // them would only hide the error under another.
    if (!failed)
      for (const table of Object.values(t))
        await engine.execute(sql(`DROP TABLE IF EXISTS ${engine.dialect.quoteIdentifier(table)}`));
  }
}

/** Where each field comes from, decided once from the header, as RowMapper decides it. */
function checkPlan(
  source: SourceConfig,
  columns: readonly string[],
  native: NativeCsv,
  env: IngestEnvironment,
): CheckPlan {
  const fields = fieldsOf(source.kind);
  const sources = fields.map((field): FieldSource => {
    const constant = source.constants[field.name];
    if (constant !== undefined) {
      const parsed = parseValue(field, constant);
      return { from: 'constant', value: parsed.ok ? parsed.value : null };
    }
    const mapped = source.mapping[field.name];
    const index = columns.indexOf((mapped ?? field.name).trim().toLowerCase());
    const shown = mapped ?? field.name;
    const values = source.values?.[field.name];
    if (index < 0) return { from: 'absent', shown };
    return { from: 'column', index, shown, ...(values ? { values } : {}) };
  });
  return {
    kind: source.kind,
    fields,
    sources,
    columns,
    identifiers: new Map(
      fields.flatMap((f) => (IDENTIFIERS.has(f.name) ? [[f.name, f.name as IdentifierType]] : [])),
    ),
    allowed: new Map([['touchpoint_type', TOUCHPOINT_TYPES]]),
    idField: RECORD_SEMANTICS[source.kind].idField,
    sourceName: source.name,
    file: source.path,
    firstLine: native.firstLine,
    ...(env.normalise.defaultCountryCode === undefined
      ? {}
      : { defaultCountryCode: env.normalise.defaultCountryCode }),
  };
}

/** A strict run fails on the first bad records, each reason naming file, line and column. */
async function refuseBadRecords(engine: Engine, checked: string, limit: number): Promise<void> {
  const rows = await engine.query(
    sql(
      `SELECT CAST(to_json(reasons) AS VARCHAR) AS reasons FROM ${engine.dialect.quoteIdentifier(checked)} WHERE reasons IS NOT NULL ORDER BY n LIMIT ${limit}`,
    ),
  );
  if (!rows.length) return;
  // As the per-record path lists them: every reason of a record, until the limit is reached.
  const problems: Problem[] = [];
  for (const r of rows) {
    problems.push(...(JSON.parse(String(r.reasons)) as DeadLetterReason[]).map(reasonProblem));
    if (problems.length >= limit) break;
  }
  throw new InputError(problems);
}

async function refuseConflicts(
  engine: Engine,
  store: StorePlan,
  checked: string,
  decided: string,
  options: SetWiseOptions,
): Promise<void> {
  const groups = await engine.query(conflictsSql(decided, options.maxProblems));
  if (!groups.length) return;
  const lines = await engine.query(
    sql(
      `SELECT n, line FROM ${engine.dialect.quoteIdentifier(checked)} WHERE n IN (SELECT n FROM ${engine.dialect.quoteIdentifier(decided)} WHERE conflict)`,
    ),
  );
  const lineOf = new Map(lines.map((r) => [Number(r.n), Number(r.line)]));
  const idField = store.idField ?? 'content';
  throw new InputError(
    groups.map((g) => {
      const ns = String(g.ns).split(',').map(Number);
      const rows = ns.map((n) => lineOf.get(n) ?? 0);
      return {
        code: 'duplicate_id',
        message: `${idField} ${String(g.key)} appears ${ns.length + 1} times with different content (rows ${rows.join(', ')} contradict an earlier one)`,
        location: { source: store.sourceName, row: rows[0] ?? 0, field: idField },
      };
    }),
  );
}
