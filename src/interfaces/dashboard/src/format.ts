const moneyFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

type Value = string | number | boolean | null | undefined;

/** Money to the cent with thousands separators; — for undefined (a rate over nothing). */
export function money(v: Value): string {
  return typeof v === 'number' ? moneyFormat.format(v) : '—';
}

/** A share or rate as a percentage with one decimal. */
export function percent(v: Value): string {
  return typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—';
}

export function count(v: Value): string {
  return typeof v === 'number' ? countFormat.format(v) : '—';
}

/** A cell of a table: picks the format by the column's name, as the CLI's tables do. */
export function cell(column: string, v: Value): string {
  if (v === null || v === undefined) return '—';
  // A day read from a date column arrives as its midnight, UTC.
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT00:00:00\.000Z$/.test(v)) return v.slice(0, 10);
  if (typeof v !== 'number') return String(v);
  if (/(share|rate|rate_low|rate_high)$/.test(column)) return percent(v);
  // Already in percent (ROI = profit / spend × 100).
  if (column.endsWith('_percent')) return `${v.toFixed(1)}%`;
  if (/(value|revenue|amount|per_conversation|cost|savings|spend|profit)$|rpc/.test(column))
    return money(v);
  return count(v);
}
