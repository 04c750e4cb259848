import { sql, type SqlStatement } from './sql-statement.js';

const COLUMNS = `dead_letter_id, batch_id, source, transport, received_at, payload, reasons, replayed_at, replay_batch_id`;

/** Dead letters, newest first; replayed ones only when asked for. */
export function listDeadLettersSql(options: {
  limit: number;
  includeReplayed: boolean;
}): SqlStatement {
  return sql(
    `SELECT ${COLUMNS} FROM dead_letters
${options.includeReplayed ? '' : 'WHERE replayed_at IS NULL'}
ORDER BY received_at DESC, dead_letter_id LIMIT ${Math.max(1, Math.floor(options.limit))}`,
  );
}

export function deadLetterSql(id: string): SqlStatement {
  return sql(`SELECT ${COLUMNS} FROM dead_letters WHERE dead_letter_id = $1`, [id]);
}

/**
 * Dead letters not yet replayed, oldest first, `limit` from `after` (keyset paging by id), and
 * below `before`: ids sort by arrival, so letters a replay itself writes are not picked up again.
 */
export function pendingDeadLettersSql(after: string, before: string, limit: number): SqlStatement {
  return sql(
    `SELECT ${COLUMNS} FROM dead_letters
WHERE replayed_at IS NULL AND dead_letter_id > $1 AND dead_letter_id < $2
ORDER BY dead_letter_id LIMIT ${Math.max(1, Math.floor(limit))}`,
    [after, before],
  );
}

/** Marks a dead letter replayed by a batch, at that batch's received time. */
export function markReplayedSql(id: string, batchId: string): SqlStatement {
  return sql(
    `UPDATE dead_letters SET replay_batch_id = $2,
  replayed_at = (SELECT received_at FROM ingest_batches WHERE batch_id = $2)
WHERE dead_letter_id = $1`,
    [id, batchId],
  );
}

/** Counts of dead letters by state. */
export function deadLetterCountsSql(): SqlStatement {
  return sql(`SELECT COUNT(*) AS total, COUNT(replayed_at) AS replayed FROM dead_letters`);
}
