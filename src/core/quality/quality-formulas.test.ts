import { describe, expect, it } from 'vitest';
import { linkageErrors } from './linkage-errors.js';
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

  it('flag a drop against the trailing mean, a missing day counting 0', () => {
    const days = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-05', '2026-01-06'].map(
      (day) => ({
        source: 's',
        day,
        records: 10,
      }),
    );
    const found = volumeDrops(days, 2, 1, band(0.5, 0.9));
    // 01-03: mean 10, no drop; 01-04: absent, 100% drop; 01-05: mean 5, 10 records, no drop;
    // 01-06, the last day, may still be arriving: not judged.
    expect(found.map((f) => [f.day, f.drop, f.status])).toEqual([
      ['2026-01-03', 0, 'pass'],
      ['2026-01-04', 1, 'fail'],
      ['2026-01-05', 0, 'pass'],
    ]);
    expect(volumeDrops(days, 2, 20, band(0.5, 0.9))).toEqual([]);
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
});
