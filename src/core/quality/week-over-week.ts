/** A value of one series on one day (YYYY-MM-DD, UTC): a numerator and its denominator. */
export interface DailyValue {
  readonly series: string;
  readonly day: string;
  readonly part: number;
  readonly whole: number;
}

/** A series' ratio over the 7 days ending on the last day of data, and over the 7 before. */
export interface WeekChange {
  readonly series: string;
  /** The last day of the current week (the last day with data, over all series). */
  readonly lastDay: string;
  readonly previous: number | null;
  readonly current: number | null;
  /** current − previous; null when either week has nothing to measure. */
  readonly change: number | null;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/**
 * Week over week, on rolling weeks ending at the last day with data (so a partial calendar week
 * at the end of the data does not look like a collapse): per series, Σpart ÷ Σwhole in the last
 * 7 days against the 7 days before. Series are returned in byte order.
 */
export function weekOverWeek(values: readonly DailyValue[]): WeekChange[] {
  if (!values.length) return [];
  const last = Math.max(...values.map((v) => dayNumber(v.day)));
  const sums = new Map<string, [number, number, number, number]>();
  for (const v of values) {
    const age = last - dayNumber(v.day);
    if (age > 13) continue;
    const [pp, pw, cp, cw] = sums.get(v.series) ?? [0, 0, 0, 0];
    sums.set(
      v.series,
      age <= 6 ? [pp, pw, cp + v.part, cw + v.whole] : [pp + v.part, pw + v.whole, cp, cw],
    );
  }
  const lastDay = new Date(last * DAY_MS).toISOString().slice(0, 10);
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([series, [pp, pw, cp, cw]]) => {
      const previous = pw === 0 ? null : pp / pw;
      const current = cw === 0 ? null : cp / cw;
      const change = previous === null || current === null ? null : current - previous;
      return { series, lastDay, previous, current, change };
    });
}
