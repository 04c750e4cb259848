import { describe, expect, it } from 'vitest';
import { DEFAULT_INDUSTRY_BENCHMARKS, rangePosition, rangeProblem } from './benchmark-table.js';

describe('benchmark table', () => {
  const fashion = DEFAULT_INDUSTRY_BENCHMARKS.fashion_apparel!;

  it('holds the published ranges', () => {
    expect(fashion).toEqual({ low: 2.5, average: 6.8, high: 14, top: 22 });
    expect(DEFAULT_INDUSTRY_BENCHMARKS.b2b_saas).toEqual({
      low: 15,
      average: 45,
      high: 120,
      top: 350,
    });
    for (const range of Object.values(DEFAULT_INDUSTRY_BENCHMARKS))
      expect(rangeProblem(range)).toBe('');
  });

  it('places an RPC in a band that includes its lower end', () => {
    expect(rangePosition(2.49, fashion)).toBe('below_low');
    expect(rangePosition(2.5, fashion)).toBe('low_to_average');
    expect(rangePosition(6.8, fashion)).toBe('average_to_high');
    expect(rangePosition(14, fashion)).toBe('high_to_top');
    expect(rangePosition(22, fashion)).toBe('top_or_above');
  });

  it('refuses a range out of order or negative', () => {
    expect(rangeProblem({ low: 5, average: 4, high: 6, top: 7 })).toMatch(/low ≤ average/);
    expect(rangeProblem({ low: -1, average: 4, high: 6, top: 7 })).toMatch(/non-negative/);
  });
});
