import type { Dialect } from '../dialect.js';
import { exactSumSql } from './exact-sum-sql.js';
import { sql, type SqlStatement } from './sql-statement.js';

/**
 * Per model and value kind (revenue, pipeline, savings: never added together): how many
 * conversions and how much value there were, how much was attributed (from the credits
 * themselves, so the summary can never disagree with them), what stayed unattributed, and the
 * value per conversation — value credited to conversation touches divided by the number of
 * conversations (NULL, not 0, when there were none). Every model has a revenue row, and a row
 * for each other kind some conversion has. Attributed conversions are found by joining the
 * journeys' distinct ids: a NOT EXISTS inside an aggregate's FILTER runs as one subquery per
 * conversion on PostgreSQL (minutes at 100k conversions).
 */
export function buildSummarySql(d: Dialect, models: readonly string[]): SqlStatement {
  const modelRows = models.map((m) => `SELECT ${d.quoteLiteral(m)} AS model`).join(' UNION ALL ');
  const dbl = d.columnType('double');
  const sum = (value: string) => exactSumSql(d, value);
  return sql(`INSERT INTO attribution_summary (model, value_kind, conversions, attributed_conversions,
  unattributed_conversions, total_value, attributed_value, unattributed_value, conversations,
  conversation_value, revenue_per_conversation)
WITH m AS (${modelRows}),
attributed AS (SELECT DISTINCT conversion_id FROM journeys),
totals AS (
  SELECT c.value_kind, CAST(COUNT(*) AS INTEGER) AS conversions, COALESCE(${sum('c.value')}, 0) AS total_value,
         CAST(COUNT(*) FILTER (WHERE a.conversion_id IS NULL) AS INTEGER) AS unattributed,
         COALESCE(${sum('CASE WHEN a.conversion_id IS NULL THEN c.value END')}, 0) AS unattributed_value
  FROM conversions c LEFT JOIN attributed a ON a.conversion_id = c.conversion_id
  GROUP BY c.value_kind
),
kinds AS (SELECT value_kind FROM totals UNION SELECT 'revenue'),
credited AS (
  SELECT cr.model, c.value_kind, ${sum('cr.value')} AS value,
         COALESCE(${sum("CASE WHEN t.touchpoint_type = 'conversation' THEN cr.value END")}, 0) AS conversation_value
  FROM credits cr JOIN touchpoints t ON t.touchpoint_id = cr.touchpoint_id
  JOIN conversions c ON c.conversion_id = cr.conversion_id
  GROUP BY cr.model, c.value_kind
),
conv AS (SELECT CAST(COUNT(*) AS INTEGER) AS n FROM conversations)
SELECT m.model, k.value_kind, COALESCE(totals.conversions, 0),
       COALESCE(totals.conversions - totals.unattributed, 0), COALESCE(totals.unattributed, 0),
       COALESCE(totals.total_value, 0), COALESCE(credited.value, 0), COALESCE(totals.unattributed_value, 0),
       conv.n, COALESCE(credited.conversation_value, 0),
       CASE WHEN conv.n = 0 THEN NULL ELSE CAST(COALESCE(credited.conversation_value, 0) AS ${dbl}) / conv.n END
FROM m CROSS JOIN kinds k CROSS JOIN conv
LEFT JOIN totals ON totals.value_kind = k.value_kind
LEFT JOIN credited ON credited.model = m.model AND credited.value_kind = k.value_kind`);
}

/** Credited conversions and value per model, value kind, touch type and channel. */
export function buildChannelAttributionSql(d: Dialect): SqlStatement {
  return sql(`INSERT INTO channel_attribution (model, value_kind, touchpoint_type, channel, credited_conversions, credited_value)
SELECT cr.model, c.value_kind, t.touchpoint_type, t.channel, ${exactSumSql(d, 'cr.fraction')}, ${exactSumSql(d, 'cr.value')}
FROM credits cr JOIN touchpoints t ON t.touchpoint_id = cr.touchpoint_id
JOIN conversions c ON c.conversion_id = cr.conversion_id
GROUP BY cr.model, c.value_kind, t.touchpoint_type, t.channel`);
}
