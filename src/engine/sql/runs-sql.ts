import { sql, type SqlStatement } from './sql-statement.js';

export interface RunRecord {
  readonly runId: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly version: string;
  readonly configHash: string;
  /** JSON of the per-stage timings and row counts. */
  readonly stages: string;
}

// Timestamps travel as ISO text without zone (UTC), which both engines cast to TIMESTAMP alike.
const utcText = (ms: number): string =>
  new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

export function recordRunSql(run: RunRecord): SqlStatement {
  return sql(
    `INSERT INTO runs VALUES ($1, CAST($2 AS TIMESTAMP), CAST($3 AS TIMESTAMP), 'succeeded', $4, $5, $6)`,
    [
      run.runId,
      utcText(run.startedAt),
      utcText(run.finishedAt),
      run.version,
      run.configHash,
      run.stages,
    ],
  );
}
