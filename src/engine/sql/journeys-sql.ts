import type { Dialect } from '../dialect.js';
import { sql, type SqlStatement } from './sql-statement.js';

/**
 * Each conversion's journey: the touches of its person (or, for account-level conversions, of
 * every person of its account) from `lookbackDays` days before it up to its own instant, both
 * ends inclusive. Positions follow the documented tie rule: time, then touchpoint id by bytes.
 * Person and account matches are two equi-joins rather than one join on a CASE, so that every
 * engine can hash them (a CASE condition leaves PostgreSQL a nested loop over all pairs).
 */
export function buildJourneysSql(d: Dialect, lookbackDays: number): SqlStatement {
  const windowStart = d.minusDays('c.occurred_at', d.quoteLiteral(lookbackDays));
  const matches = (key: 'account_id' | 'person_id', level: string) =>
    `SELECT c.conversion_id, t.touchpoint_id, t.occurred_at,
         ${d.secondsBetween('c.occurred_at', 't.occurred_at')} AS seconds_before,
         COALESCE(t.conversation_id = c.conversation_id, FALSE) AS is_direct
  FROM conversions c JOIN touchpoints t ON t.${key} = c.${key}
  WHERE ${level} AND t.occurred_at <= c.occurred_at AND t.occurred_at >= ${windowStart}`;
  const order = `m.occurred_at, ${d.byteOrder('m.touchpoint_id')}`;
  return sql(`INSERT INTO journeys
SELECT m.conversion_id, m.touchpoint_id,
       CAST(ROW_NUMBER() OVER (PARTITION BY m.conversion_id ORDER BY ${order}) AS INTEGER),
       CAST(COUNT(*) OVER (PARTITION BY m.conversion_id) AS INTEGER),
       m.occurred_at, m.seconds_before, m.is_direct
FROM (
  ${matches('account_id', "c.level = 'account'")}
  UNION ALL
  ${matches('person_id', "c.level IS DISTINCT FROM 'account'")}
) m`);
}
