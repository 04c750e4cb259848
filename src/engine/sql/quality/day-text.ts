import type { Dialect } from '../../dialect.js';

/** The UTC day of a timestamp expression as YYYY-MM-DD text, alike on every engine. */
export function dayText(d: Dialect, expr: string): string {
  return `CAST(CAST(${expr} AS ${d.columnType('date')}) AS ${d.columnType('text')})`;
}
