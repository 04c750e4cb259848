import type { Dialect } from '../../dialect.js';
import { sql, type SqlStatement } from '../sql-statement.js';

/** A table whose rows age out by one of its timestamps. */
export interface AgingTable {
  readonly table: string;
  readonly timeColumn: string;
}

// Timestamps travel as ISO text without zone (UTC), which both engines cast to TIMESTAMP alike.
const utcText = (ms: number): string =>
  new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

function older(d: Dialect, t: AgingTable, days: number): string {
  const cutoff = d.minusDays(`CAST($1 AS ${d.columnType('timestamp')})`, d.quoteLiteral(days));
  return `${d.quoteIdentifier(t.timeColumn)} < ${cutoff}`;
}

/** Rows of the table older than `days` before `now`. */
export function countAgedSql(d: Dialect, t: AgingTable, days: number, now: number): SqlStatement {
  return sql(`SELECT COUNT(*) AS n FROM ${d.quoteIdentifier(t.table)} WHERE ${older(d, t, days)}`, [
    utcText(now),
  ]);
}

export function deleteAgedSql(d: Dialect, t: AgingTable, days: number, now: number): SqlStatement {
  return sql(`DELETE FROM ${d.quoteIdentifier(t.table)} WHERE ${older(d, t, days)}`, [
    utcText(now),
  ]);
}
