import type { Dialect } from '../../dialect.js';

/** A number as a SQL double: a bare decimal would be NUMERIC in PostgreSQL and round apart. */
export function doubleLiteral(d: Dialect, value: number): string {
  return `CAST(${d.quoteLiteral(value)} AS ${d.columnType('double')})`;
}

/** An expression as text, for dimensions of mixed types grouped in one column. */
export function asText(d: Dialect, expr: string): string {
  return `CAST(${expr} AS ${d.columnType('text')})`;
}

/** `expr IN ('a', 'b')` with quoted literals; FALSE for an empty list. */
export function inList(d: Dialect, expr: string, values: readonly string[]): string {
  return values.length
    ? `${expr} IN (${values.map((v) => d.quoteLiteral(v)).join(', ')})`
    : 'FALSE';
}

/** A one-column relation of the given models, to cross join with. */
export function modelsRelation(d: Dialect, models: readonly string[]): string {
  if (models.length === 0) return `(SELECT ${asText(d, 'NULL')} AS model WHERE FALSE)`;
  return `(${models.map((m) => `SELECT ${d.quoteLiteral(m)} AS model`).join(' UNION ALL ')})`;
}

/**
 * A timestamp `at` lies within `days` days at or after `start`, both ends inclusive. Written as
 * a shift of `at` back so the comparison needs no addition of intervals.
 */
export function withinDaysAfter(d: Dialect, at: string, start: string, days: number): string {
  return `${at} >= ${start} AND ${d.minusDays(at, d.quoteLiteral(days))} <= ${start}`;
}
