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
  readonly records: number;
  /** Mean records per day over the `trailingDays` calendar days before (absent days count 0). */
  readonly trailingMean: number;
  /** 1 − records / trailingMean: how far the day fell below its trailing mean. */
  readonly drop: number;
  readonly status: QualityStatus;
  readonly threshold: number | null;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayText = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * Every day of each source from its first to its last day with data, a day without records
 * counting as 0 (a gap is the sharpest drop), judged against the mean of the trailing days.
 * Days whose trailing mean is below `minTrailing` are not judged: too little to tell a drop
 * from noise; nor is a source's last day, which may still be arriving (a source that stops
 * altogether is freshness's to catch). Only judged days are returned.
 */
export function volumeDrops(
  volumes: readonly DailyVolume[],
  trailingDays: number,
  minTrailing: number,
  limits: QualityBand,
): VolumeFinding[] {
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
    for (let day = first + trailingDays; day < last; day++) {
      let sum = 0;
      for (let back = 1; back <= trailingDays; back++) sum += days.get(day - back) ?? 0;
      const trailingMean = sum / trailingDays;
      if (trailingMean < minTrailing || trailingMean === 0) continue;
      const records = days.get(day) ?? 0;
      const drop = Math.max(0, 1 - records / trailingMean);
      const { status, threshold } = judge(drop, limits, 'max');
      out.push({ source, day: dayText(day), records, trailingMean, drop, status, threshold });
    }
  }
  return out;
}
