import type { Dialect } from '../../dialect.js';
import { asText } from './sql-fragments.js';

/** The dimension name of the grand-total grouping. */
export const OVERALL = 'overall';

/**
 * Grouping several dimensions in one pass: the inner query exposes each dimension as a text
 * column `g_<name>`; GROUPING SETS groups by each on its own (and by none, for `overall`), and
 * two output columns say which dimension a row belongs to and its value. In a row of one set
 * every other dimension is NULL, so COALESCE over all of them yields the set's own value.
 */
export interface DimensionGrouping {
  /** Select-list items of the inner query: `<expr as text> AS g_<name>`. */
  readonly innerColumns: string;
  /** `dimension` and `dimension_value` select-list items of the outer query. */
  readonly outputColumns: string;
  /** The GROUP BY clause, with `keys` (e.g. model) in every set. */
  readonly groupBy: string;
}

export function dimensionGrouping(
  d: Dialect,
  dims: readonly { readonly name: string; readonly expr: string | null }[],
  keys: readonly string[] = [],
): DimensionGrouping {
  const real = dims.filter((x): x is { name: string; expr: string } => x.expr !== null);
  const col = (name: string) => `g_${name}`;
  const inner = real.map((x) => `${asText(d, x.expr)} AS ${col(x.name)}`);
  const which = real.map((x) => `WHEN GROUPING(${col(x.name)}) = 0 THEN ${d.quoteLiteral(x.name)}`);
  const dimension = which.length
    ? `CASE ${which.join(' ')} ELSE ${d.quoteLiteral(OVERALL)} END`
    : d.quoteLiteral(OVERALL);
  const value = real.length
    ? real.length === 1
      ? col(real[0]?.name ?? '')
      : `COALESCE(${real.map((x) => col(x.name)).join(', ')})`
    : asText(d, 'NULL');
  const sets = dims.map(
    (x) => `(${[...keys, ...(x.expr === null ? [] : [col(x.name)])].join(', ')})`,
  );
  return {
    innerColumns: inner.join(', '),
    outputColumns: `${dimension} AS dimension, ${value} AS dimension_value`,
    groupBy: `GROUP BY GROUPING SETS (${sets.join(', ')})`,
  };
}
