import type { Dialect } from '../../dialect.js';

/** The filters a grouped report can apply to the conversations it aggregates over. */
export const FILTER_NAMES = ['from', 'to', 'segment', 'channel', 'conversation_type'] as const;
type ConversationFilterName = (typeof FILTER_NAMES)[number];

/**
 * The filters on conversions only the reports built on credits take (attribution, RPC, channel
 * ROI): the conversion's outcome (order, closed_won, …) and its value kind (revenue, pipeline,
 * savings).
 */
export const CONVERSION_FILTER_NAMES = ['outcome', 'value_kind'] as const;
export const ALL_FILTER_NAMES = [...FILTER_NAMES, ...CONVERSION_FILTER_NAMES] as const;
export type FilterName = (typeof ALL_FILTER_NAMES)[number];

/**
 * Which conversations (or touches, or days of spend) a report aggregates over: `from`/`to` are
 * days, yyyy-mm-dd, both inclusive; the rest equal a column's value. Absent means every row.
 */
export type ReportFilter = Partial<Readonly<Record<FilterName, string>>>;

/** The column of a metrics table each filter reads. */
const COLUMNS: Readonly<Record<ConversationFilterName, string>> = {
  from: 'day',
  to: 'day',
  segment: 'segment',
  channel: 'channel',
  conversation_type: 'conversation_type',
};

/**
 * The filter as conditions on `alias`'s columns (a table with day, segment, channel and
 * conversation_type, such as conversation_facts or conversation_economics), joined by AND; ''
 * when nothing is filtered. `only` narrows the filters to those the relation has columns for.
 * Values are rendered through the dialect's one quoting path, never spliced.
 */
export function conversationFilterSql(
  d: Dialect,
  filter: ReportFilter | undefined,
  alias: string,
  only: readonly FilterName[] = FILTER_NAMES,
): string {
  if (!filter) return '';
  const parts: string[] = [];
  for (const name of FILTER_NAMES) {
    const value = filter[name];
    if (value === undefined || !only.includes(name)) continue;
    const column = alias ? `${alias}.${COLUMNS[name]}` : COLUMNS[name];
    if (name === 'from' || name === 'to') parts.push(dayRangeSql(d, { [name]: value }, column));
    else parts.push(`${column} = ${d.quoteLiteral(value)}`);
  }
  return parts.join(' AND ');
}

/** The filter's `from`/`to` days as conditions on the date expression `day`; '' when neither. */
export function dayRangeSql(d: Dialect, filter: ReportFilter | undefined, day: string): string {
  const parts: string[] = [];
  if (filter?.from !== undefined)
    parts.push(`${day} >= CAST(${d.quoteLiteral(filter.from)} AS DATE)`);
  if (filter?.to !== undefined) parts.push(`${day} <= CAST(${d.quoteLiteral(filter.to)} AS DATE)`);
  return parts.join(' AND ');
}

/** `WHERE a AND b …` of the non-empty conditions, '' when none remain. */
export function whereAll(...conditions: readonly string[]): string {
  const kept = conditions.filter(Boolean);
  return kept.length ? `WHERE ${kept.join(' AND ')}` : '';
}
