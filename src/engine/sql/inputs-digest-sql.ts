import type { Dialect } from '../dialect.js';
import { sql, type SqlStatement } from './sql-statement.js';

/**
 * What the derived tables are computed from, as row counts (`part`, `n`) and the newest batch
 * that stored a record: any record stored, replaced, erased or expired moves one of them.
 * Cheap on both engines (counts, and a max over record_keys).
 */
export function inputsWatermarkSql(d: Dialect, tables: readonly string[]): SqlStatement {
  const counts = tables.map(
    (t) => `SELECT '${t}' AS part, CAST(COUNT(*) AS VARCHAR) AS n FROM ${d.quoteIdentifier(t)}`,
  );
  return sql(
    [
      ...counts,
      `SELECT 'newest batch' AS part, COALESCE(MAX(batch_id), '') AS n FROM record_keys`,
    ].join('\nUNION ALL\n'),
  );
}

/** The inputs digest of the last successful run, if it recorded one. */
export function lastInputsDigestSql(): SqlStatement {
  return sql(`SELECT run_id, inputs_digest FROM runs WHERE status = 'succeeded'
ORDER BY finished_at DESC, run_id DESC LIMIT 1`);
}

export function setInputsDigestSql(runId: string, digest: string): SqlStatement {
  return sql(`UPDATE runs SET inputs_digest = $1 WHERE run_id = $2`, [digest, runId]);
}

/** A run whose inputs did not change keeps the quality results of the run it matches. */
export function copyQualityResultsSql(fromRunId: string, toRunId: string): SqlStatement {
  return sql(
    `INSERT INTO quality_results (run_id, checked_at, check_name, subject, measured, threshold, status, detail)
SELECT $1, checked_at, check_name, subject, measured, threshold, status, detail FROM quality_results WHERE run_id = $2`,
    [toRunId, fromRunId],
  );
}

export function qualityResultsOfRunSql(runId: string): SqlStatement {
  return sql(
    `SELECT check_name, subject, measured, threshold, status, detail FROM quality_results WHERE run_id = $1
ORDER BY check_name, subject`,
    [runId],
  );
}
