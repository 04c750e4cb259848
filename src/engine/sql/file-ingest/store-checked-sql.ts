import type { FieldSpec } from '../../../core/canonical/source-kinds.js';
import type { Identity } from '../../../core/ingest/record-semantics.js';
import { quoteIdentifier as q, quoteLiteral as l } from '../../quote.js';
import { sql, type SqlStatement } from '../sql-statement.js';

/** What storing one checked file needs: its kind, its landing table and its batches. */
export interface StorePlan {
  readonly kind: string;
  readonly identity: Identity;
  readonly idField: string | null;
  readonly landingTable: string;
  readonly fields: readonly FieldSpec[];
  readonly sourceName: string;
  /** One id per batch of `batchRows` records, in file order. */
  readonly batchIds: readonly string[];
  readonly batchRows: number;
  readonly receivedAt: number;
}

/**
 * The table `decided`: each valid record's fate, the same as core/ingest/resolve-duplicates.ts
 * decides it record by record. An entity's previous version is the record before it under the
 * same key (a duplicate has that version's hash, an update becomes it), else the stored one; an
 * event's or fact's is the stored one, else the first under its key. `written` marks the last
 * stored or updated version of each key; `conflict` a differing record under a key this input
 * already wrote (`ownBatches`: the batches of this run), which a strict run refuses.
 */
export function decideSql(
  plan: StorePlan,
  checked: string,
  decided: string,
  ownBatches: readonly string[],
): SqlStatement {
  const previous =
    plan.identity === 'entity'
      ? 'coalesce(prev_row, stored_hash)'
      : 'CASE WHEN stored_hash IS NOT NULL THEN stored_hash WHEN rn = 1 THEN NULL ELSE first_hash END';
  const own = ownBatches.length
    ? `stored_batch IN (${ownBatches.map((b) => l(b)).join(', ')})`
    : 'FALSE';
  return sql(`CREATE TEMP TABLE ${q(decided)} AS
WITH valid AS (
  SELECT c.n, c.key, c.hash, k.record_hash AS stored_hash, k.batch_id AS stored_batch
  FROM ${q(checked)} c LEFT JOIN record_keys k ON k.kind = ${l(plan.kind)} AND k.record_key = c.key
  WHERE c.reasons IS NULL
), ordered AS (
  SELECT *, row_number() OVER w AS rn, lag(hash) OVER w AS prev_row, first_value(hash) OVER w AS first_hash
  FROM valid WINDOW w AS (PARTITION BY key ORDER BY n)
), acted AS (
  SELECT *, CASE WHEN previous IS NULL THEN 'store' WHEN previous = hash THEN 'duplicate'
    WHEN ${plan.identity === 'entity' ? 'TRUE' : 'FALSE'} THEN 'update' ELSE 'duplicate' END AS action,
    coalesce(previous <> hash, FALSE) AS differs
  FROM (SELECT *, ${previous} AS previous FROM ordered) p
)
SELECT n, key, hash, action, differs, stored_hash,
  differs AND (coalesce(bool_or(action IN ('store', 'update')) OVER (PARTITION BY key ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), FALSE) OR coalesce(${own}, FALSE)) AS conflict,
  action IN ('store', 'update') AND n = max(CASE WHEN action IN ('store', 'update') THEN n END) OVER (PARTITION BY key) AS written
FROM acted`);
}

const batchNo = (plan: StorePlan, n: string) => `((${n} - 1) // ${plan.batchRows})`;
const batchId = (plan: StorePlan, n: string) =>
  `[${plan.batchIds.map((b) => l(b)).join(', ')}][${batchNo(plan, n)} + 1]`;
const receivedAt = (plan: StorePlan) => `epoch_ms(CAST(${plan.receivedAt} AS BIGINT))`;

/** Per key, the conflicting records, for a strict run's error. */
export function conflictsSql(decided: string, limit: number): SqlStatement {
  return sql(
    `SELECT key, string_agg(CAST(n AS VARCHAR), ',' ORDER BY n) AS ns FROM ${q(decided)} WHERE conflict GROUP BY key ORDER BY min(n) LIMIT ${limit}`,
  );
}

/** The statements that store a decided file: replaced entities out, new rows and keys in, dead letters, one ingest_batches row per batch. */
export function storeSqls(
  plan: StorePlan,
  checked: string,
  decided: string,
  withDeadLetters: boolean,
): SqlStatement[] {
  const replaced = `SELECT key FROM ${q(decided)} WHERE action = 'update' AND stored_hash IS NOT NULL`;
  const statements: SqlStatement[] = [];
  if (plan.identity === 'entity' && plan.idField !== null) {
    statements.push(
      sql(`DELETE FROM ${q(plan.landingTable)} WHERE ${q(plan.idField)} IN (${replaced})`),
      sql(`DELETE FROM record_keys WHERE kind = ${l(plan.kind)} AND record_key IN (${replaced})`),
    );
  }
  const values = plan.fields.map((f, i) => {
    const v = `c.f${i}`;
    if (f.type === 'timestamp') return `epoch_ms(${v})`;
    if (f.type === 'date') return `CAST(epoch_ms(${v}) AS DATE)`;
    return v;
  });
  const columns = [...plan.fields.map((f) => q(f.name)), 'source_name', 'source_line'];
  statements.push(
    sql(`INSERT INTO ${q(plan.landingTable)} (${columns.join(', ')})
SELECT ${[...values, l(plan.sourceName), 'c.line'].join(', ')}
FROM ${q(checked)} c JOIN ${q(decided)} d ON d.n = c.n WHERE d.written ORDER BY c.n`),
    sql(`INSERT INTO record_keys (kind, record_key, record_hash, batch_id, received_at, clock, skew_ms)
SELECT ${l(plan.kind)}, key, hash, ${batchId(plan, 'n')}, ${receivedAt(plan)}, 'source', NULL
FROM ${q(decided)} WHERE written ORDER BY n`),
  );
  if (withDeadLetters)
    statements.push(
      sql(`INSERT INTO dead_letters (dead_letter_id, batch_id, source, transport, received_at, payload, reasons, replayed_at, replay_batch_id)
SELECT ${batchId(plan, 'n')} || '_' || lpad(CAST(row_number() OVER (PARTITION BY ${batchNo(plan, 'n')} ORDER BY n) AS VARCHAR), 6, '0'),
  ${batchId(plan, 'n')}, ${l(plan.sourceName)}, 'file', ${receivedAt(plan)}, payload, CAST(to_json(reasons) AS VARCHAR), NULL, NULL
FROM ${q(checked)} WHERE reasons IS NOT NULL ORDER BY n`),
    );
  statements.push(
    sql(`INSERT INTO ingest_batches (batch_id, source, transport, received_at, offered, stored, updated, duplicates, dead_lettered)
SELECT ${batchId(plan, 'min(c.n)')}, ${l(plan.sourceName)}, 'file', ${receivedAt(plan)}, count(*),
  count(*) FILTER (WHERE d.action IN ('store', 'update')), count(*) FILTER (WHERE d.action = 'update'),
  count(*) FILTER (WHERE d.action = 'duplicate'), count(*) FILTER (WHERE c.reasons IS NOT NULL)
FROM ${q(checked)} c LEFT JOIN ${q(decided)} d ON d.n = c.n
GROUP BY ${batchNo(plan, 'c.n')} ORDER BY ${batchNo(plan, 'c.n')}`),
  );
  return statements;
}

/** The file's counts: offered, stored, updated, duplicates (and those differing), dead-lettered. */
export function totalsSql(checked: string, decided: string): SqlStatement {
  return sql(`SELECT count(*) AS offered,
  count(*) FILTER (WHERE d.action IN ('store', 'update')) AS stored,
  count(*) FILTER (WHERE d.action = 'update') AS updated,
  count(*) FILTER (WHERE d.action = 'duplicate') AS duplicates,
  count(*) FILTER (WHERE d.action = 'duplicate' AND d.differs) AS differing,
  count(*) FILTER (WHERE c.reasons IS NOT NULL) AS dead
FROM ${q(checked)} c LEFT JOIN ${q(decided)} d ON d.n = c.n`);
}
