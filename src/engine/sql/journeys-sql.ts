import type { Dialect } from '../dialect.js';
import { sql, type SqlStatement } from './sql-statement.js';

/**
 * Each conversion's journey: the touches of its person (or, for account-level conversions, of
 * every person of its account) from `lookbackDays` days before it up to its own instant, both
 * ends inclusive. Positions follow the documented tie rule: time, then touchpoint id by bytes.
 */
export function buildJourneysSql(d: Dialect, lookbackDays: number): SqlStatement {
  const windowStart = d.minusDays('c.occurred_at', d.quoteLiteral(lookbackDays));
  const order = `t.occurred_at, ${d.byteOrder('t.touchpoint_id')}`;
  return sql(`INSERT INTO journeys
SELECT c.conversion_id, t.touchpoint_id,
       CAST(ROW_NUMBER() OVER (PARTITION BY c.conversion_id ORDER BY ${order}) AS INTEGER),
       CAST(COUNT(*) OVER (PARTITION BY c.conversion_id) AS INTEGER),
       t.occurred_at,
       ${d.secondsBetween('c.occurred_at', 't.occurred_at')},
       COALESCE(t.conversation_id = c.conversation_id, FALSE)
FROM conversions c
JOIN touchpoints t
  ON (CASE WHEN c.level = 'account' THEN t.account_id = c.account_id ELSE t.person_id = c.person_id END)
 AND t.occurred_at <= c.occurred_at
 AND t.occurred_at >= ${windowStart}`);
}
