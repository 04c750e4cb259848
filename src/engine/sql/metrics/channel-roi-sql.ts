import type { Dialect } from '../../dialect.js';
import { sql, type SqlStatement } from '../sql-statement.js';
import { modelsRelation } from './sql-fragments.js';

/** What channel ROI can be grouped by: columns both credit_days and spend have. */
export const ROI_DIMENSIONS = ['channel', 'campaign', 'day'] as const;
export type RoiDimension = (typeof ROI_DIMENSIONS)[number];

/**
 * Per model and group: spend, credited value and credited conversions. Revenue is dated by the
 * touch that earned it, so a day's (or campaign's) revenue meets the spend that bought the
 * touch. Credits and spend are stacked and summed rather than joined, so groups with only one of
 * the two (an organic channel, a campaign that earned nothing) keep their row, and missing keys
 * group together as NULL on both sides.
 */
export function channelRoiSql(
  d: Dialect,
  models: readonly string[],
  dims: readonly RoiDimension[],
): SqlStatement {
  const cols = dims.join(', ');
  const keys = cols ? `, ${cols}` : '';
  const modelFilter = `WHERE model IN (${models.map((m) => d.quoteLiteral(m)).join(', ') || 'NULL'})`;
  return sql(`SELECT model${keys}, SUM(spend) AS spend, SUM(credited_value) AS attributed_revenue,
       SUM(credited_conversions) AS credited_conversions
FROM (
  SELECT model, day, channel, campaign, credited_value, credited_conversions, CAST(NULL AS ${d.columnType('double')}) AS spend
  FROM credit_days ${modelFilter}
  UNION ALL
  SELECT m.model, s.day, s.channel, s.campaign, 0, 0, s.amount
  FROM spend s CROSS JOIN ${modelsRelation(d, models)} m
) x
GROUP BY model${keys}`);
}
