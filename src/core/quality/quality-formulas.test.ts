import { describe, expect, it } from 'vitest';
import { linkageErrors } from './linkage-errors.js';
import { withRemedy } from './quality-remedies.js';
import { band, judge } from './quality-band.js';
import { volumeDrops } from './volume-drops.js';
import { weekOverWeek } from './week-over-week.js';

describe('quality formulas', () => {
  it('judge a value against a band in either direction; nothing measured passes', () => {
    expect(judge(0.2, band(0.1, 0.3), 'max')).toEqual({ status: 'warn', threshold: 0.1 });
    expect(judge(0.4, band(0.1, 0.3), 'max')).toEqual({ status: 'fail', threshold: 0.3 });
    expect(judge(0.3, band(0.1, 0.3), 'max')).toEqual({ status: 'warn', threshold: 0.1 });
    expect(judge(0.4, band(0.9, 0.5), 'min')).toEqual({ status: 'fail', threshold: 0.5 });
    expect(judge(null, band(0, 0), 'max')).toEqual({ status: 'pass', threshold: 0 });
    expect(judge(5, band(null, null), 'max').status).toBe('pass');
  });

  it('flag a drop against the median of like weekdays, a missing day counting 0', () => {
    // Thursdays 1, 8, 15, 22 Jan with 10, 30, 20 records and none; 29 Jan (a Thursday) is last.
    const days = [
      ['2026-01-01', 10],
      ['2026-01-08', 30],
      ['2026-01-15', 20],
      ['2026-01-29', 40],
    ].map(([day, records]) => ({ source: 's', day: String(day), records: Number(records) }));
    const found = volumeDrops(days, 28, 1, band(0.5, 0.9));
    // 01-08: median of [10] = 10, no drop; 01-15: median of [30, 10] = 20, no drop; 01-22:
    // median of [20, 30, 10] = 20, absent, 100% drop. Other weekdays have a baseline of 0.
    expect(found.map((f) => [f.day, f.weekday, f.baseline, f.drop, f.status])).toEqual([
      ['2026-01-08', 'Thu', 10, 0, 'pass'],
      ['2026-01-15', 'Thu', 20, 0, 'pass'],
      ['2026-01-22', 'Thu', 20, 1, 'fail'],
    ]);
    expect(volumeDrops(days, 28, 25, band(0.5, 0.9))).toEqual([]);
  });

  it('passes a clean B2B week shape with empty weekends, fails a planted weekday drop', () => {
    // Four weeks from Monday 5 Jan 2026: 100 records each weekday, none on weekends; then Monday
    // 2 Feb, the last day (not judged).
    const b2b = (plant?: string) => {
      const out = [];
      for (let d = 0; d <= 28; d++) {
        const day = new Date(Date.UTC(2026, 0, 5 + d)).toISOString().slice(0, 10);
        if (d % 7 < 5) out.push({ source: 'crm', day, records: day === plant ? 5 : 100 });
      }
      return out;
    };
    const clean = volumeDrops(b2b(), 21, 50, band(0.5, 0.9));
    expect(clean.filter((f) => f.status !== 'pass')).toEqual([]);
    // Only weekdays are judged (15 of them: weeks 2 to 4); weekends have a baseline of 0.
    expect(clean.map((f) => f.weekday).filter((w) => w === 'Sat' || w === 'Sun')).toEqual([]);
    expect(clean).toHaveLength(15);
    const planted = volumeDrops(b2b('2026-01-21'), 21, 50, band(0.5, 0.9));
    expect(planted.filter((f) => f.status !== 'pass')).toMatchObject([
      { day: '2026-01-21', weekday: 'Wed', records: 5, baseline: 100, drop: 0.95, status: 'fail' },
    ]);
  });

  it('compare rolling weeks ending on the last day of data', () => {
    const v = (series: string, day: string, part: number, whole: number) => ({
      series,
      day,
      part,
      whole,
    });
    const changes = weekOverWeek([
      v('a', '2026-01-01', 1, 4),
      v('a', '2026-01-08', 3, 4),
      v('b', '2026-01-14', 2, 2),
    ]);
    // The last day is 01-14: the current week is 01-08..01-14, the previous 01-01..01-07.
    expect(changes).toEqual([
      { series: 'a', lastDay: '2026-01-14', previous: 0.25, current: 0.75, change: 0.5 },
      { series: 'b', lastDay: '2026-01-14', previous: null, current: 1, change: null },
    ]);
  });

  it('count false positives among known non-matches, ignoring pairs the graph does not hold', () => {
    const persons: Record<string, string> = { 'email a': 'p1', 'email b': 'p1', 'email c': 'p2' };
    const pair = (l: string, r: string, label: 'match' | 'non_match') => ({
      leftType: 'email',
      leftValue: l,
      rightType: 'email',
      rightValue: r,
      label,
    });
    const e = linkageErrors(
      [
        pair('a', 'b', 'non_match'),
        pair('a', 'c', 'non_match'),
        pair('b', 'c', 'match'),
        pair('a', 'z', 'non_match'),
      ],
      (type, value) => persons[`${type} ${value}`],
    );
    expect(e).toMatchObject({
      nonMatches: 2,
      falsePositives: 1,
      falsePositiveRate: 0.5,
      matches: 1,
      falseNegatives: 1,
      unknown: 1,
    });
  });

  it('append why and what to fix to a breach, not to a pass nor twice', () => {
    const r = {
      check: 'referential_integrity',
      subject: 'orders.person',
      measured: 0.2,
      threshold: 0.05,
    };
    const failed = withRemedy({ ...r, status: 'fail', detail: '2 of 10 orders point at nothing' });
    expect(failed.detail).toMatch(
      /^2 of 10 orders point at nothing\. Why: rows point at records that were not loaded\. Fix: load /,
    );
    expect(withRemedy(failed)).toEqual(failed);
    expect(withRemedy({ ...r, status: 'pass', detail: 'ok' }).detail).toBe('ok');
    expect(withRemedy({ ...r, check: 'new_check', status: 'warn', detail: 'x' }).detail).toMatch(
      /Fix: see the new_check check/,
    );
  });
});
