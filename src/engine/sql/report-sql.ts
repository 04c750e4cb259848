import { VALUE_KINDS } from '../../core/attribution/conversion-definition.js';
import type { Dialect } from '../dialect.js';
import type { ReportFilter } from './metrics/conversation-filter-sql.js';
import { conversionsKeptSql, creditedTouchesSql } from './metrics/conversion-filter-sql.js';
import { exactSumSql } from './exact-sum-sql.js';
import { sql, type SqlStatement } from './sql-statement.js';

/** Dimensions a credit can be grouped by, and the SQL naming each (over t: touch, c: conversion). */
export const ATTRIBUTION_DIMENSIONS = {
  channel: 't.channel',
  touchpoint_type: 't.touchpoint_type',
  campaign: 't.campaign',
  segment: 'c.segment',
  conversion_kind: 'c.kind',
  value_kind: 'c.value_kind',
} as const;
export type AttributionDimension = keyof typeof ATTRIBUTION_DIMENSIONS;

export function isAttributionDimension(name: string): name is AttributionDimension {
  return Object.hasOwn(ATTRIBUTION_DIMENSIONS, name);
}

/**
 * The grouping a credit report uses: the value kind first, always, so revenue, pipeline and
 * savings are never added together, then the dimensions asked for.
 */
export function withValueKind(by: readonly AttributionDimension[]): AttributionDimension[] {
  return ['value_kind', ...by.filter((dim) => dim !== 'value_kind')];
}

/**
 * The tables a grouping reads besides credits. Every credit row names a touch and a conversion of
 * the same run, so leaving out a join nothing is grouped by changes no sum, and spares a join
 * with every touchpoint (10M rows on the large demo) when only conversion fields are asked, or
 * with every conversion when only touch fields are.
 */
function joinsFor(by: readonly AttributionDimension[]): string {
  const uses = (alias: string) => by.some((dim) => ATTRIBUTION_DIMENSIONS[dim].startsWith(alias));
  return [
    uses('t.') ? 'JOIN touchpoints t ON t.touchpoint_id = cr.touchpoint_id' : '',
    uses('c.') ? 'JOIN conversions c ON c.conversion_id = cr.conversion_id' : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The credits a filter keeps, as ` AND …` conditions: those of conversions on the days and of the
 * segment asked, earned by touches of the channel and conversation type asked. Semi-joins, so
 * the grouping's joins stay as joinsFor chose them.
 */
function creditsKept(d: Dialect, filter: ReportFilter | undefined): string {
  return [
    conversionsKeptSql(d, filter, 'cr.conversion_id'),
    creditedTouchesSql(d, filter, 'cr.touchpoint_id'),
  ]
    .filter(Boolean)
    .map((condition) => ` AND ${condition}`)
    .join('');
}

/**
 * Credited conversions and value of one model per value kind and the chosen dimensions, value
 * kinds in the order revenue, pipeline, savings, then largest value first, with each group's
 * share of the model's credited value of its kind. Missing values group as NULL.
 */
export function attributionReportSql(
  d: Dialect,
  model: string,
  asked: readonly AttributionDimension[],
  filter?: ReportFilter,
): SqlStatement {
  const by = withValueKind(asked);
  const dims = by.map((dim) => `${ATTRIBUTION_DIMENSIONS[dim]} AS ${d.quoteIdentifier(dim)}`);
  const groupBy = by.length
    ? `GROUP BY ${by.map((dim) => ATTRIBUTION_DIMENSIONS[dim]).join(', ')}`
    : '';
  // The grouped expressions, not the output names: PostgreSQL reads a name inside an ORDER BY
  // expression (as byteOrder makes it) as an input column, and conversion_kind is none.
  const orderTail = by
    .slice(1)
    .map((dim) => `${d.byteOrder(ATTRIBUTION_DIMENSIONS[dim])} NULLS LAST`)
    .join(', ');
  const value = exactSumSql(d, 'cr.value');
  return sql(
    `SELECT ${[...dims, `${exactSumSql(d, 'cr.fraction')} AS credited_conversions`, `${value} AS credited_value`, `${value} / NULLIF(${exactSumSql(d, value, 'OVER (PARTITION BY c.value_kind)')}, 0) AS value_share`].join(', ')}
FROM credits cr
${joinsFor(by)}
WHERE cr.model = $1${creditsKept(d, filter)}
${groupBy}
ORDER BY ${valueKindOrder('c.value_kind')}, credited_value DESC${orderTail ? `, ${orderTail}` : ''}`,
    [model],
  );
}

/** Value kinds in their reading order: revenue, pipeline, savings, then any other. */
export function valueKindOrder(column: string): string {
  return `CASE ${column} ${VALUE_KINDS.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ')} ELSE ${VALUE_KINDS.length} END`;
}

/**
 * The attribution report with no grouping and no filter, from the summary table: per value kind
 * with credits, its attributed conversions and value are the sums of the model's credits
 * (summary-sql.ts), every attributed conversion's fractions summing to 1.
 */
export function storedAttributionTotalSql(d: Dialect, model: string): SqlStatement {
  const dbl = d.columnType('double');
  return sql(
    `SELECT value_kind, CAST(attributed_conversions AS ${dbl}) AS credited_conversions, attributed_value AS credited_value,
       CASE WHEN attributed_value = 0 THEN NULL ELSE CAST(1 AS ${dbl}) END AS value_share
FROM attribution_summary WHERE model = $1 AND attributed_conversions > 0
ORDER BY ${valueKindOrder('value_kind')}`,
    [model],
  );
}

/**
 * Credited value of each model side by side, one column per model (named after it), grouped by
 * value kind and the chosen dimensions; ordered by value kind, the first model's value, then by
 * the dimensions' bytes.
 */
export function compareAttributionSql(
  d: Dialect,
  models: readonly string[],
  asked: readonly AttributionDimension[],
  filter?: ReportFilter,
): SqlStatement {
  const by = withValueKind(asked);
  const dims = by.map((dim) => `${ATTRIBUTION_DIMENSIONS[dim]} AS ${d.quoteIdentifier(dim)}`);
  const columns = models.map(
    (_m, i) =>
      `COALESCE(${exactSumSql(d, `CASE WHEN cr.model = $${i + 1} THEN cr.value END`)}, 0) AS ${d.quoteIdentifier(models[i] ?? '')}`,
  );
  const groupBy = by.length
    ? `GROUP BY ${by.map((dim) => ATTRIBUTION_DIMENSIONS[dim]).join(', ')}`
    : '';
  const orderTail = by
    .slice(1)
    .map((dim) => `${d.byteOrder(ATTRIBUTION_DIMENSIONS[dim])} NULLS LAST`);
  const first = `COALESCE(${exactSumSql(d, 'CASE WHEN cr.model = $1 THEN cr.value END')}, 0)`;
  return sql(
    `SELECT ${[...dims, ...columns].join(', ')}
FROM credits cr
${joinsFor(by)}
WHERE cr.model IN (${models.map((_m, i) => `$${i + 1}`).join(', ')})${creditsKept(d, filter)}
${groupBy}
ORDER BY ${[valueKindOrder('c.value_kind'), `${first} DESC`, ...orderTail].join(', ')}`,
    [...models],
  );
}
