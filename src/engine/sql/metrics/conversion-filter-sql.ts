import type { Dialect } from '../../dialect.js';
import { dayRangeSql, type ReportFilter } from './conversation-filter-sql.js';

/**
 * The report filters read at the level of conversions rather than conversations, for the reports
 * built on journeys and credits (attribution, paths, path lengths, time to conversion, Sankey).
 * Every condition is a semi-join on an id column (`IN (SELECT …)`), so a caller adds it to its
 * WHERE without changing its joins, and values go through the dialect's one quoting path.
 */

/**
 * `outcome` and `value_kind` as conditions on conversions `c`: the conversion's outcome (its
 * kind column) and its value kind.
 */
export function conversionKindSql(d: Dialect, filter: ReportFilter | undefined): string[] {
  const parts: string[] = [];
  if (filter?.outcome !== undefined) parts.push(`c.kind = ${d.quoteLiteral(filter.outcome)}`);
  if (filter?.value_kind !== undefined)
    parts.push(`c.value_kind = ${d.quoteLiteral(filter.value_kind)}`);
  return parts;
}

/**
 * `from`, `to`, `segment`, `outcome` and `value_kind` as the conversions they keep: its day
 * (UTC), its account's segment, its outcome and its value kind.
 */
export function conversionsKeptSql(
  d: Dialect,
  filter: ReportFilter | undefined,
  conversionId: string,
): string {
  const parts: string[] = [];
  const days = dayRangeSql(d, filter, 'CAST(c.occurred_at AS DATE)');
  if (days) parts.push(days);
  if (filter?.segment !== undefined) parts.push(`c.segment = ${d.quoteLiteral(filter.segment)}`);
  parts.push(...conversionKindSql(d, filter));
  if (!parts.length) return '';
  return `${conversionId} IN (SELECT c.conversion_id FROM conversions c WHERE ${parts.join(' AND ')})`;
}

/** `channel` and `conversation_type` as conditions on touchpoints `t` (a conversation's type from its facts). */
function touchConditions(d: Dialect, filter: ReportFilter | undefined): string[] {
  const parts: string[] = [];
  if (filter?.channel !== undefined) parts.push(`t.channel = ${d.quoteLiteral(filter.channel)}`);
  if (filter?.conversation_type !== undefined)
    parts.push(
      `t.conversation_id IN (SELECT f.conversation_id FROM conversation_facts f WHERE f.conversation_type = ${d.quoteLiteral(filter.conversation_type)})`,
    );
  return parts;
}

/**
 * `channel` and `conversation_type` as the conversions whose journey passed such a touch: a path
 * report of channel chat holds the journeys that touched chat, every step of them.
 */
export function journeysThroughSql(
  d: Dialect,
  filter: ReportFilter | undefined,
  conversionId: string,
): string {
  const parts = touchConditions(d, filter);
  if (!parts.length) return '';
  return `${conversionId} IN (SELECT j.conversion_id FROM journeys j JOIN touchpoints t ON t.touchpoint_id = j.touchpoint_id WHERE ${parts.join(' AND ')})`;
}

/**
 * `channel` and `conversation_type` as the credited touches themselves: attribution of channel
 * chat is the credit chat touches earned, so its row equals the unfiltered report's chat row.
 */
export function creditedTouchesSql(
  d: Dialect,
  filter: ReportFilter | undefined,
  touchpointId: string,
): string {
  const parts = touchConditions(d, filter);
  if (!parts.length) return '';
  return `${touchpointId} IN (SELECT t.touchpoint_id FROM touchpoints t WHERE ${parts.join(' AND ')})`;
}
