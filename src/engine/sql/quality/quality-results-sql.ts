import { sql, type SqlStatement } from '../sql-statement.js';

/** The results of the latest run that recorded any (by check time), in stored order. */
export function latestQualityResultsSql(): SqlStatement {
  return sql(`SELECT run_id, checked_at, check_name, subject, measured, threshold, status, detail
FROM quality_results
WHERE run_id = (SELECT run_id FROM quality_results ORDER BY checked_at DESC, run_id DESC LIMIT 1)
ORDER BY CASE status WHEN 'fail' THEN 0 WHEN 'warn' THEN 1 ELSE 2 END, check_name, subject`);
}
