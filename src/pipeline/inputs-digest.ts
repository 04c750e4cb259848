import { createHash } from 'node:crypto';
import { SOURCE_KIND_NAMES } from '../core/canonical/source-kinds.js';
import type { Config } from '../core/config/config.js';
import type { LabelledPair } from '../core/quality/linkage-errors.js';
import type { QualityResult } from '../core/quality/quality-result.js';
import { worstStatus } from '../core/quality/quality-result.js';
import type { Engine } from '../engine/engine.js';
import { landingTableName } from '../engine/schema/table-spec.js';
import {
  copyQualityResultsSql,
  inputsWatermarkSql,
  lastInputsDigestSql,
  qualityResultsOfRunSql,
} from '../engine/sql/inputs-digest-sql.js';
import type { IngestEnvironment } from './ingest/ingest-environment.js';
import { canonicalJson } from './ingest/plan-file-loads.js';
import type { QualityReport } from './quality/check-quality.js';

export interface RunSettings {
  readonly config: Config;
  readonly version: string;
  readonly env: IngestEnvironment;
  readonly labelledPairs?: readonly LabelledPair[];
}

/**
 * The digest of everything a run's results derive from: the settings (the whole config,
 * canonically serialised, convrev's version, the labelled pairs, a probe of the PII salt) and the
 * stored inputs (row counts of every landing table, of record_keys and tombstones, and the newest
 * batch that stored a record), read after the load. Equal to the last successful run's, the
 * derived tables already hold what this run would compute.
 */
export async function inputsDigest(engine: Engine, settings: RunSettings): Promise<string> {
  const tables = [
    ...SOURCE_KIND_NAMES.map(landingTableName),
    'record_keys',
    'tombstones',
    // A migration may recreate derived tables empty: the next run must fill them again.
    'schema_migrations',
  ];
  const rows = await engine.query(inputsWatermarkSql(engine.dialect, tables));
  const watermark = rows.map((r) => `${String(r.part)}=${String(r.n)}`);
  const pii = settings.env.normalise.hash?.hash('email', 'probe@convrev.invalid') ?? null;
  return createHash('sha256')
    .update(
      canonicalJson({
        config: settings.config,
        version: settings.version,
        labelledPairs: settings.labelledPairs ?? null,
        pii,
        watermark,
      }),
    )
    .digest('hex');
}

/** The last successful run and its inputs digest (null when it recorded none). */
export async function lastRunInputs(
  engine: Engine,
): Promise<{ runId: string; digest: string | null } | undefined> {
  const [row] = await engine.query(lastInputsDigestSql());
  if (!row) return undefined;
  return {
    runId: String(row.run_id),
    digest: row.inputs_digest === null ? null : String(row.inputs_digest),
  };
}

/** Carries the matched run's quality results over to this run, and reports them. */
export async function carryQuality(
  engine: Engine,
  fromRunId: string,
  runId: string,
): Promise<QualityReport> {
  await engine.execute(copyQualityResultsSql(fromRunId, runId));
  const results: QualityResult[] = (await engine.query(qualityResultsOfRunSql(runId))).map((r) => ({
    check: String(r.check_name),
    subject: String(r.subject),
    measured: r.measured === null ? null : Number(r.measured),
    threshold: r.threshold === null ? null : Number(r.threshold),
    status: String(r.status) as QualityResult['status'],
    detail: String(r.detail),
  }));
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const r of results) counts[r.status]++;
  return { runId, results, status: worstStatus(results), counts };
}
