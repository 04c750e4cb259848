import { sql, type SqlStatement } from './sql-statement.js';

export interface RunRecord {
  readonly runId: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly version: string;
  readonly configHash: string;
  /** JSON of the per-stage timings and row counts. */
  readonly stages: string;
  /** Journeys the attribution stage derived afresh (the others were kept from earlier runs). */
  readonly recomputedJourneys?: number;
}

// Timestamps travel as ISO text without zone (UTC), which both engines cast to TIMESTAMP alike.
const utcText = (ms: number): string =>
  new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

export function recordRunSql(run: RunRecord): SqlStatement {
  return sql(
    `INSERT INTO runs (run_id, started_at, finished_at, status, version, config_hash, stages, recomputed_journeys)
VALUES ($1, CAST($2 AS TIMESTAMP), CAST($3 AS TIMESTAMP), 'succeeded', $4, $5, $6, CAST($7 AS INTEGER))`,
    [
      run.runId,
      utcText(run.startedAt),
      utcText(run.finishedAt),
      run.version,
      run.configHash,
      run.stages,
      run.recomputedJourneys ?? null,
    ],
  );
}
