import type { RowValue } from '../../../engine/engine.js';

const MONEY_COLUMNS = /(value|revenue|amount|per_conversation|cost|savings|spend|profit)$|rpc/;
// Rates of the metric reports and their interval bounds read as percentages, like shares.
const PERCENT_COLUMNS = /(share|rate|rate_low|rate_high)$/;
const cents = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/**
 * How a value reads in a table for people: money to the cent, shares as percentages, UTC times.
 * Money columns are known by their names unless `money` says otherwise (a column named after a
 * model holds that model's credited value).
 */
export function formatForPeople(
  column: string,
  value: RowValue | undefined,
  money = MONEY_COLUMNS.test(column),
): string {
  if (value === null || value === undefined) return '—';
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  if (typeof value === 'number') {
    if (PERCENT_COLUMNS.test(column)) return `${(value * 100).toFixed(1)}%`;
    // Already in percent (ROI = profit / spend × 100).
    if (column.endsWith('_percent')) return `${value.toFixed(1)}%`;
    return money ? cents.format(value) : count.format(value);
  }
  return String(value);
}

/**
 * How a value reads for machines: ISO times, null for missing, and numbers rounded to nine
 * decimals — past that a double carries only the noise of summation order, not information.
 */
export function formatForMachines(value: RowValue | undefined): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Math.round(value * 1e9) / 1e9;
  return value;
}
