import type { Dialect } from '../../dialect.js';
import { exactAvgSql } from '../exact-sum-sql.js';
import { sql, type SqlStatement } from '../sql-statement.js';
import { dayText } from './day-text.js';

/** Pending (never replayed) dead letters: source and reasons JSON, for counting by reason. */
export function pendingReasonsSql(): SqlStatement {
  return sql(
    `SELECT source, reasons FROM dead_letters WHERE replayed_at IS NULL ORDER BY dead_letter_id`,
  );
}

/** Per source: records offered by first deliveries (replays offer the same records again). */
export function offeredBySourceSql(): SqlStatement {
  return sql(`SELECT source, SUM(offered) AS offered, MAX(received_at) AS last_received
FROM ingest_batches WHERE transport <> 'replay' GROUP BY source ORDER BY source`);
}

/** A landing table whose rows are counted per source and day of their event time. */
export interface DatedTable {
  readonly table: string;
  readonly timeColumn: string;
}

/** Records per source per UTC day of event time: `source`, `day`, `records`. */
export function dailyVolumeSql(d: Dialect, tables: readonly DatedTable[]): SqlStatement {
  const parts = tables.map(({ table, timeColumn }) => {
    const t = d.quoteIdentifier(timeColumn);
    return `SELECT source_name AS source, ${dayText(d, t)} AS day, COUNT(*) AS records FROM ${d.quoteIdentifier(table)} WHERE ${t} IS NOT NULL GROUP BY source_name, ${dayText(d, t)}`;
  });
  return sql(
    `SELECT source, day, SUM(records) AS records FROM (${parts.join('\nUNION ALL\n')}) v GROUP BY source, day ORDER BY source, day`,
  );
}

/** Per source of events: events with a receipt time, mean and largest lag in seconds. */
export function eventLagSql(d: Dialect): SqlStatement {
  const lag = d.secondsBetween('received_at', 'occurred_at');
  return sql(`SELECT source_name AS source, COUNT(*) AS events, ${exactAvgSql(d, lag)} AS mean_lag, MAX(${lag}) AS max_lag
FROM conversation_events WHERE received_at IS NOT NULL AND occurred_at IS NOT NULL
GROUP BY source_name ORDER BY source_name`);
}
