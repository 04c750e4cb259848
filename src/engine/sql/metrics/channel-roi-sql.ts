import type { Dialect } from '../../dialect.js';
import { exactSumSql } from '../exact-sum-sql.js';
import { sql, type SqlStatement } from '../sql-statement.js';
import {
  conversationFilterSql,
  type FilterName,
  type ReportFilter,
} from './conversation-filter-sql.js';
import { modelsRelation } from './sql-fragments.js';

/**
 * The filters channel ROI can apply: credit_days and spend have a day and a channel; the value
 * kind chooses which credits meet the spend (revenue unless asked: pipeline gives the ROI of
 * sourced pipeline).
 */
export const ROI_FILTERS: readonly FilterName[] = ['from', 'to', 'channel', 'value_kind'];

/** What channel ROI can be grouped by: columns both credit_days and spend have. */
export const ROI_DIMENSIONS = ['channel', 'campaign', 'day'] as const;
export type RoiDimension = (typeof ROI_DIMENSIONS)[number];

/**
 * Per model and group: spend, credited value of one value kind (revenue unless the filter names
 * another) and credited conversions. Revenue is dated by the
 * touch that earned it, so a day's (or campaign's) revenue meets the spend that bought the
 * touch. Credits and spend are stacked and summed rather than joined, so groups with only one of
 * the two (an organic channel, a campaign that earned nothing) keep their row, and missing keys
 * group together as NULL on both sides.
 */
export function channelRoiSql(
  d: Dialect,
  models: readonly string[],
  dims: readonly RoiDimension[],
  filter?: ReportFilter,
): SqlStatement {
  const narrow = (alias: string) => {
    const c = conversationFilterSql(d, filter, alias, ROI_FILTERS);
    return c ? ` AND ${c}` : '';
  };
  const cols = dims.join(', ');
  const keys = cols ? `, ${cols}` : '';
  const kind = d.quoteLiteral(filter?.value_kind ?? 'revenue');
  const modelFilter = `WHERE c.model IN (${models.map((m) => d.quoteLiteral(m)).join(', ') || 'NULL'}) AND c.value_kind = ${kind}${narrow('c')}`;
  return sql(`SELECT model${keys}, ${exactSumSql(d, 'spend')} AS spend, ${exactSumSql(d, 'credited_value')} AS attributed_revenue,
       ${exactSumSql(d, 'credited_conversions')} AS credited_conversions
FROM (
  SELECT c.model, c.day, c.channel, c.campaign, c.credited_value, c.credited_conversions, CAST(NULL AS ${d.columnType('double')}) AS spend
  FROM credit_days c ${modelFilter}
  UNION ALL
  SELECT m.model, s.day, s.channel, s.campaign, 0, 0, s.amount
  FROM spend s CROSS JOIN ${modelsRelation(d, models)} m
  WHERE TRUE${narrow('s')}
) x
GROUP BY model${keys}`);
}
