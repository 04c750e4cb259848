import type { Engine, Row } from '../engine.js';
import { sql, type SqlStatement } from '../sql/sql-statement.js';

// Rows fetched per round trip.
const FETCH_ROWS = 10_000;

/**
 * A result read through a server-side cursor, FETCH by FETCH, so the client never holds more
 * than one chunk. A cursor lives in a transaction: the caller's when `inTransaction`, else one
 * of its own that only reads and ends with the stream.
 */
export async function* cursorStream(
  engine: Pick<Engine, 'query' | 'execute'>,
  statement: SqlStatement,
  cursor: string,
  inTransaction: boolean,
): AsyncIterable<Row[]> {
  if (!inTransaction) await engine.execute(sql('BEGIN'));
  let failed = false;
  try {
    await engine.execute({
      ...statement,
      sql: `DECLARE ${cursor} NO SCROLL CURSOR FOR ${statement.sql}`,
    });
    for (;;) {
      const rows = await engine.query(sql(`FETCH ${FETCH_ROWS} FROM ${cursor}`));
      if (rows.length === 0) break;
      yield rows;
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    if (!inTransaction) await engine.execute(sql(failed ? 'ROLLBACK' : 'COMMIT'));
    // In the caller's transaction a failure has aborted it, cursor and all.
    else if (!failed) await engine.execute(sql(`CLOSE ${cursor}`));
  }
}
