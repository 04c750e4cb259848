import type { Dialect } from '../dialect.js';
import { exactSumSql } from './exact-sum-sql.js';
import { sql, type SqlStatement } from './sql-statement.js';

/**
 * Per model: how many conversions and how much value there were, how much was attributed (from
 * the credits themselves, so the summary can never disagree with them), what stayed
 * unattributed, and revenue per conversation — value credited to conversation touches divided by
 * the number of conversations (NULL, not 0, when there were none). Attributed conversions are
 * found by joining the journeys' distinct ids: a NOT EXISTS inside an aggregate's FILTER runs
 * as one subquery per conversion on PostgreSQL (minutes at 100k conversions).
 */
export function buildSummarySql(d: Dialect, models: readonly string[]): SqlStatement {
  const modelRows = models.map((m) => `SELECT ${d.quoteLiteral(m)} AS model`).join(' UNION ALL ');
  const dbl = d.columnType('double');
  const sum = (value: string) => exactSumSql(d, value);
  return sql(`INSERT INTO attribution_summary
WITH m AS (${modelRows}),
attributed AS (SELECT DISTINCT conversion_id FROM journeys),
totals AS (
  SELECT CAST(COUNT(*) AS INTEGER) AS conversions, COALESCE(${sum('c.value')}, 0) AS total_value,
         CAST(COUNT(*) FILTER (WHERE a.conversion_id IS NULL) AS INTEGER) AS unattributed,
         COALESCE(${sum('CASE WHEN a.conversion_id IS NULL THEN c.value END')}, 0) AS unattributed_value
  FROM conversions c LEFT JOIN attributed a ON a.conversion_id = c.conversion_id
),
credited AS (
  SELECT cr.model, ${sum('cr.value')} AS value,
         COALESCE(${sum("CASE WHEN t.touchpoint_type = 'conversation' THEN cr.value END")}, 0) AS conversation_value
  FROM credits cr JOIN touchpoints t ON t.touchpoint_id = cr.touchpoint_id
  GROUP BY cr.model
),
conv AS (SELECT CAST(COUNT(*) AS INTEGER) AS n FROM conversations)
SELECT m.model, totals.conversions, totals.conversions - totals.unattributed, totals.unattributed,
       totals.total_value, COALESCE(credited.value, 0), totals.unattributed_value,
       conv.n, COALESCE(credited.conversation_value, 0),
       CASE WHEN conv.n = 0 THEN NULL ELSE CAST(COALESCE(credited.conversation_value, 0) AS ${dbl}) / conv.n END
FROM m CROSS JOIN totals CROSS JOIN conv LEFT JOIN credited ON credited.model = m.model`);
}

export function buildChannelAttributionSql(d: Dialect): SqlStatement {
  return sql(`INSERT INTO channel_attribution
SELECT cr.model, t.touchpoint_type, t.channel, ${exactSumSql(d, 'cr.fraction')}, ${exactSumSql(d, 'cr.value')}
FROM credits cr JOIN touchpoints t ON t.touchpoint_id = cr.touchpoint_id
GROUP BY cr.model, t.touchpoint_type, t.channel`);
}
