import type { Row, RowValue } from '../../engine/engine.js';

/** A numeric cell as a number (NULL and missing as 0): sums and counts of nothing are 0. */
export const num = (v: RowValue | undefined): number =>
  v === null || v === undefined ? 0 : Number(v);

/** A numeric cell, keeping NULL (an undefined rate stays undefined). */
export const numOrNull = (v: RowValue | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

/** A text cell, keeping NULL. */
export const textOrNull = (v: RowValue | undefined): string | null =>
  v === null || v === undefined ? null : String(v);

/** A date cell as yyyy-mm-dd (UTC). */
export function dayText(v: RowValue | undefined): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

/**
 * Compares text the way the warehouse orders it (by code point; numbers as numbers when both
 * sides are numeric, so hour 9 sorts before 10), NULL last.
 */
export function compareValues(a: RowValue | undefined, b: RowValue | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = a instanceof Date ? a.toISOString() : String(a);
  const sb = b instanceof Date ? b.toISOString() : String(b);
  const na = Number(sa);
  const nb = Number(sb);
  if (sa.trim() !== '' && sb.trim() !== '' && Number.isFinite(na) && Number.isFinite(nb))
    return na - nb;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Sorts rows by the given columns in order, each by compareValues. */
export function sortRows<R extends Row>(rows: R[], columns: readonly string[]): R[] {
  return rows.sort((x, y) => {
    for (const c of columns) {
      const o = compareValues(x[c], y[c]);
      if (o !== 0) return o;
    }
    return 0;
  });
}
