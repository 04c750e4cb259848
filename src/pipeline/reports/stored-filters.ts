import type { Dialect } from '../../engine/dialect.js';

/** Conditions joined with AND, the empty ones left out; '' (every row) when none remain. */
export function allOf(...conditions: readonly string[]): string {
  return conditions.filter(Boolean).join(' AND ');
}

/** `model = '…'` for one model, '' for all. */
export function modelIs(d: Dialect, model: string | undefined): string {
  return model === undefined ? '' : `model = ${d.quoteLiteral(model)}`;
}

/** `column IN (…)`, or '' when the values are every value the table holds. */
export function oneOf<T extends string | number>(
  d: Dialect,
  column: string,
  values: readonly T[],
  all: readonly T[],
): string {
  if (values.length === all.length) return '';
  return `${column} IN (${values.map((v) => d.quoteLiteral(v)).join(', ')})`;
}

/**
 * Whether `wanted` lists values of `stored` in the stored order: then filtering the stored rows
 * gives the rows, in the order, that computing for `wanted` would.
 */
export function inStoredOrder<T>(wanted: readonly T[], stored: readonly T[]): boolean {
  let at = -1;
  for (const w of wanted) {
    const i = stored.indexOf(w);
    if (i <= at) return false;
    at = i;
  }
  return true;
}
