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
  /** What started it: schedule, api, cli. */
  readonly trigger?: string;
}

// Timestamps travel as ISO text without zone (UTC), which both engines cast to TIMESTAMP alike.
const utcText = (ms: number): string =>
  new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/**
 * The succeeded run's row, written in the run's own transaction (so results and their row commit
 * together). Its events watermark is the newest record the run's snapshot held.
 */
export function recordRunSql(run: RunRecord): SqlStatement {
  return sql(
    `INSERT INTO runs (run_id, started_at, finished_at, status, version, config_hash, stages, recomputed_journeys, triggered_by, events_watermark)
VALUES ($1, CAST($2 AS TIMESTAMP), CAST($3 AS TIMESTAMP), 'succeeded', $4, $5, $6, CAST($7 AS INTEGER), $8, (SELECT MAX(received_at) FROM record_keys))`,
    [
      run.runId,
      utcText(run.startedAt),
      utcText(run.finishedAt),
      run.version,
      run.configHash,
      run.stages,
      run.recomputedJourneys ?? null,
      run.trigger ?? 'cli',
    ],
  );
}

/** The row of a run as it starts, committed on its own so a killed run leaves a trace. */
export function startRunSql(run: {
  runId: string;
  startedAt: number;
  trigger: string;
  version: string;
}): SqlStatement {
  return sql(
    `INSERT INTO runs (run_id, started_at, status, version, triggered_by) VALUES ($1, CAST($2 AS TIMESTAMP), 'running', $3, $4)`,
    [run.runId, utcText(run.startedAt), run.version, run.trigger],
  );
}

/** Removes a run's `running` row; the run's transaction writes its succeeded row instead. */
export function deleteRunSql(runId: string): SqlStatement {
  return sql(`DELETE FROM runs WHERE run_id = $1`, [runId]);
}

/** A run that threw: its row says so, with the error, and its results were rolled back. */
export function failRunSql(runId: string, finishedAt: number, error: string): SqlStatement {
  return sql(
    `UPDATE runs SET status = 'failed', finished_at = CAST($2 AS TIMESTAMP), error = $3 WHERE run_id = $1`,
    [runId, utcText(finishedAt), error],
  );
}

/** At a server's start: runs still `running` belonged to a process that died mid-run. */
export function interruptRunsSql(at: number): SqlStatement {
  return sql(
    `UPDATE runs SET status = 'interrupted', finished_at = CAST($1 AS TIMESTAMP), error = $2 WHERE status = 'running'`,
    [utcText(at), 'the process stopped before the run finished; its results were rolled back'],
  );
}

const RUN_COLUMNS = `run_id, status, triggered_by, started_at, finished_at, stages, error, events_watermark`;

/** The most recent runs first, whatever their status. */
export function listRunsSql(limit: number): SqlStatement {
  return sql(
    `SELECT ${RUN_COLUMNS} FROM runs ORDER BY started_at DESC, run_id DESC LIMIT CAST($1 AS INTEGER)`,
    [limit],
  );
}

export function runByIdSql(runId: string): SqlStatement {
  return sql(`SELECT ${RUN_COLUMNS} FROM runs WHERE run_id = $1`, [runId]);
}

/**
 * Freshness figures: the last succeeded run, its events watermark, the newest record the
 * warehouse has acknowledged, and how many runs failed or were interrupted.
 */
export function freshnessSql(): SqlStatement {
  return sql(
    `SELECT
  (SELECT MAX(finished_at) FROM runs WHERE status = 'succeeded') AS last_success,
  (SELECT MAX(events_watermark) FROM runs WHERE status = 'succeeded') AS processed_through,
  (SELECT MAX(received_at) FROM record_keys) AS newest_event,
  (SELECT COUNT(*) FROM runs WHERE status IN ('failed', 'interrupted')) AS failures`,
  );
}
