import { judge, type QualityBand, type QualityStatus } from './quality-band.js';

/** Records of one source on one day (day as YYYY-MM-DD, UTC). */
export interface DailyVolume {
  readonly source: string;
  readonly day: string;
  readonly records: number;
}

export interface VolumeFinding {
  readonly source: string;
  readonly day: string;
  /** The day's weekday, `Mon` … `Sun` (UTC). */
  readonly weekday: string;
  readonly records: number;
  /** How many earlier same weekdays the median was taken over. */
  readonly weeks: number;
  /** Median records on the same weekday of the weeks before (absent days count 0). */
  readonly baseline: number;
  /** 1 − records / baseline: how far the day fell below its like weekdays. */
  readonly drop: number;
  readonly status: QualityStatus;
  readonly threshold: number | null;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'] as const; // day 0 = 1970-01-01
const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayText = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * Every day of each source from a week after its first day with data to its last, a day without
 * records counting as 0 (a gap is the sharpest drop), judged against the median of the same
 * weekday over up to `trailingDays` / 7 weeks before (those since the source began). Like
 * weekdays, because volume is seasonal by weekday: a B2B source is empty every weekend, and a
 * Saturday compared with the Friday before would fail every week. The median, so one holiday in
 * the history does not lower the bar. Days whose baseline is below `minTrailing` are not judged
 * (too little to tell a drop from noise: an empty weekend has a baseline of 0); nor is a source's
 * last day, which may still be arriving (a source that stops altogether is freshness's to catch).
 * Only judged days are returned.
 */
export function volumeDrops(
  volumes: readonly DailyVolume[],
  trailingDays: number,
  minTrailing: number,
  limits: QualityBand,
): VolumeFinding[] {
  const maxWeeks = Math.max(1, Math.floor(trailingDays / 7));
  const bySource = new Map<string, Map<number, number>>();
  for (const v of volumes) {
    const days = bySource.get(v.source) ?? new Map<number, number>();
    days.set(dayNumber(v.day), (days.get(dayNumber(v.day)) ?? 0) + v.records);
    bySource.set(v.source, days);
  }
  const out: VolumeFinding[] = [];
  for (const [source, days] of [...bySource].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const numbers = [...days.keys()];
    const [first, last] = [Math.min(...numbers), Math.max(...numbers)];
    for (let day = first + 7; day < last; day++) {
      const history: number[] = [];
      for (let w = 1; w <= maxWeeks && day - 7 * w >= first; w++)
        history.push(days.get(day - 7 * w) ?? 0);
      const baseline = median(history);
      if (baseline < minTrailing || baseline === 0) continue;
      const records = days.get(day) ?? 0;
      const drop = Math.max(0, 1 - records / baseline);
      const { status, threshold } = judge(drop, limits, 'max');
      const weekday = WEEKDAYS[((day % 7) + 7) % 7] ?? '';
      out.push({
        source,
        day: dayText(day),
        weekday,
        records,
        weeks: history.length,
        baseline,
        drop,
        status,
        threshold,
      });
    }
  }
  return out;
}
