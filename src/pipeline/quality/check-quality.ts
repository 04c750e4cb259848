import { withRemedy } from '../../core/quality/quality-remedies.js';
import { worstStatus, type QualityResult } from '../../core/quality/quality-result.js';
import type { Engine } from '../../engine/engine.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { ingestHealthChecks } from './ingest-health-checks.js';
import { integrityChecks } from './integrity-checks.js';
import { linkageChecks } from './linkage-checks.js';
import type { QualityContext } from './quality-context.js';
import { revenueChecks } from './revenue-checks.js';

/** What one quality pass found: every result, and the worst status among them. */
export interface QualityReport {
  readonly runId: string;
  readonly results: readonly QualityResult[];
  readonly status: QualityResult['status'];
  readonly counts: Readonly<Record<QualityResult['status'], number>>;
}

/**
 * The quality stage: every check on what the run just derived, stored in quality_results under
 * the run's id (replacing what that run id stored before). Breaches are values in the report;
 * alerting and exit codes are the caller's business.
 */
export async function checkQuality(
  engine: Engine,
  runId: string,
  ctx: QualityContext,
): Promise<QualityReport> {
  // Every breach says why and what to fix (quality-remedies.ts).
  const results = (
    ctx.config.enabled
      ? [
          ...(await ingestHealthChecks(engine, ctx)),
          ...(await integrityChecks(engine, ctx)),
          ...(await linkageChecks(engine, ctx)),
          ...(await revenueChecks(engine, ctx)),
        ]
      : []
  ).map(withRemedy);
  await engine.execute(sql(`DELETE FROM quality_results WHERE run_id = $1`, [runId]));
  if (results.length)
    await engine.append(
      'quality_results',
      results.map((r) => [
        runId,
        ctx.now,
        r.check,
        r.subject,
        finite(r.measured),
        finite(r.threshold),
        r.status,
        r.detail,
      ]),
    );
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const r of results) counts[r.status]++;
  return { runId, results, status: worstStatus(results), counts };
}

const finite = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : v);

/** The stage's line in the run's progress. */
export function describeQuality(report: QualityReport): string {
  const { pass, warn, fail } = report.counts;
  return `${pass} passed, ${warn} warnings, ${fail} failed`;
}
