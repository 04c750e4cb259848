import { describe, expect, it } from 'vitest';
import { daysBefore, totalsBetween, trailingRatios } from './trailing-ratio.js';

describe('trailing ratios', () => {
  const series = [
    { day: '2026-01-01', numerator: 10, denominator: 2 },
    { day: '2026-01-02', numerator: 20, denominator: 2 },
    { day: '2026-01-05', numerator: 30, denominator: 3 },
  ];

  it('sum value and conversations over calendar days, gaps included', () => {
    expect(trailingRatios(series, 1)).toEqual([5, 10, 10]);
    // Two days ending Jan 2: (10 + 20) / (2 + 2); ending Jan 5: only Jan 4–5.
    expect(trailingRatios(series, 2)).toEqual([5, 7.5, 10]);
    expect(trailingRatios(series, 5)).toEqual([5, 7.5, 60 / 7]);
  });

  it('sum between two days inclusive, and count days back across a month', () => {
    expect(totalsBetween(series, '2026-01-02', '2026-01-05')).toEqual({
      day: '2026-01-05',
      numerator: 50,
      denominator: 5,
    });
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(daysBefore('2024-03-01', 1)).toBe('2024-02-29');
  });

  it('a window with no conversations is undefined', () => {
    expect(trailingRatios([{ day: '2026-01-01', numerator: 0, denominator: 0 }], 30)).toEqual([
      null,
    ]);
  });
});
