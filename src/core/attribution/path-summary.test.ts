import { describe, expect, it } from 'vitest';
import { buildFractributionPaths } from './fractribution-paths.js';
import { DAY_MS } from './lookback-window.js';
import { summarisePaths } from './path-summary.js';

describe('summarisePaths', () => {
  it('counts conversions, non-conversions and revenue per path, sorted by key', () => {
    const rows = summarisePaths([
      { path: ['B'], converted: false },
      { path: ['A', 'B'], converted: true, revenue: 10 },
      { path: ['A', 'B'], converted: true, revenue: 5.5 },
      { path: ['A', 'B'], converted: false, revenue: 99 },
      { path: [], converted: true, revenue: 7 },
    ]);
    expect(rows).toEqual([
      { path: '', conversions: 1, nonConversions: 0, revenue: 7 },
      { path: 'A > B', conversions: 2, nonConversions: 1, revenue: 15.5 },
      { path: 'B', conversions: 0, nonConversions: 1, revenue: 0 },
    ]);
  });
});

describe('buildFractributionPaths', () => {
  const day = (d: number, h = 0) => Date.UTC(2026, 0, d, h);
  const options = {
    conversionWindow: { from: day(10), until: day(20) },
    lookbackDays: 3,
    transforms: [{ kind: 'exposure' } as const],
  };

  it('applies the whole-day lookback and keeps touches at the conversion instant', () => {
    const visits = [
      { customerId: 'c1', at: day(6, 11), channel: 'Old' }, // 4 days 1 h before: out
      { customerId: 'c1', at: day(7, 13), channel: 'Email' }, // 2 days 23 h: whole days 2, in
      { customerId: 'c1', at: day(7, 11), channel: 'Email' }, // 3 days 1 h: whole days 3, in
      { customerId: 'c1', at: day(10, 12), channel: 'Direct' }, // the conversion instant: in
      { customerId: 'c1', at: day(10, 12) + 1, channel: 'Late' }, // a millisecond after: out
    ];
    const conversions = [{ customerId: 'c1', at: day(10, 12), revenue: 9 }];
    const { conversions: paths, nonConversions } = buildFractributionPaths(
      visits,
      conversions,
      options,
    );
    expect(paths).toEqual([
      {
        customerId: 'c1',
        conversionAt: day(10, 12),
        revenue: 9,
        path: ['Email', 'Email', 'Direct'],
        transformedPath: ['Email', 'Direct'],
      },
    ]);
    expect(nonConversions).toEqual([]);
  });

  it('ends a non-converter window at their last visit and ignores conversions outside the window', () => {
    const visits = [
      { customerId: 'n1', at: day(12), channel: 'A' },
      { customerId: 'n1', at: day(15), channel: 'B' },
      { customerId: 'n1', at: day(18), channel: 'B' },
      { customerId: 'n1', at: day(18), channel: 'A' }, // same instant: ordered by channel name
      { customerId: 'n2', at: day(25), channel: 'A' }, // after the window: not read
      { customerId: 'n3', at: day(11), channel: 'C' },
    ];
    const conversions = [{ customerId: 'n3', at: day(20), revenue: 1 }]; // outside [from, until)
    const result = buildFractributionPaths(visits, conversions, { ...options, lookbackSteps: 2 });
    expect(result.conversions).toEqual([]);
    expect(result.nonConversions).toEqual([
      { customerId: 'n1', path: ['A', 'B'], transformedPath: ['A', 'B'] },
      { customerId: 'n3', path: ['C'], transformedPath: ['C'] },
    ]);
    expect(DAY_MS).toBe(86_400_000);
  });

  it('gives a conversion without visits an empty path', () => {
    const result = buildFractributionPaths(
      [],
      [{ customerId: 'x', at: day(11), revenue: 3 }],
      options,
    );
    expect(result.conversions[0]?.path).toEqual([]);
  });
});
