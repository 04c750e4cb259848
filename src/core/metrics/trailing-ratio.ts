import { ratio } from './ratio.js';

/** One day of a series: its date (UTC, yyyy-mm-dd) and the sums a ratio is made of. */
export interface DayTotals {
  readonly day: string;
  readonly numerator: number;
  readonly denominator: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/**
 * For each day, the ratio of the sums over the `days` calendar days ending on it (that day and
 * the `days − 1` before, whether or not they have rows): a trailing-window RPC is trailing value
 * over trailing conversations, not an average of daily RPCs. Each window is summed afresh, so no
 * rounding error carries from one day to the next (series are a few hundred days long).
 */
export function trailingRatios(series: readonly DayTotals[], days: number): (number | null)[] {
  if (!(Number.isInteger(days) && days >= 1)) throw new RangeError(`window of ${days} days`);
  return series.map((d) => {
    const t = totalsBetween(series, daysBefore(d.day, days - 1), d.day);
    return ratio(t.numerator, t.denominator);
  });
}

/** Sums of a series between two days, inclusive. */
export function totalsBetween(series: readonly DayTotals[], from: string, to: string): DayTotals {
  let numerator = 0;
  let denominator = 0;
  for (const d of series) {
    if (d.day >= from && d.day <= to) {
      numerator += d.numerator;
      denominator += d.denominator;
    }
  }
  return { day: to, numerator, denominator };
}

/** The day `n` days before `day` (yyyy-mm-dd, UTC). */
export function daysBefore(day: string, n: number): string {
  return new Date((dayNumber(day) - n) * DAY_MS).toISOString().slice(0, 10);
}
