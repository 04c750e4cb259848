import { describe, expect, it } from 'vitest';
import { funnelRates } from './funnel-steps.js';

describe('funnel rates', () => {
  it('100 → 80 → 20 → 10 → 4: step rates, overall rates and drop-off', () => {
    const rows = funnelRates(
      [100, 80, 20, 10, 4].map((count, i) => ({ name: `s${i + 1}`, count })),
    );
    expect(rows.map((r) => r.stepRate)).toEqual([1, 0.8, 0.25, 0.5, 0.4]);
    expect(rows.map((r) => r.overallRate)).toEqual([1, 0.8, 0.2, 0.1, 0.04]);
    expect(rows.map((r) => r.dropOff)).toEqual([0, 20, 60, 10, 6]);
    expect(rows[2]?.dropRate).toBe(0.75);
  });

  it('an empty funnel has undefined rates, and a funnel cannot grow', () => {
    const empty = funnelRates([
      { name: 'a', count: 0 },
      { name: 'b', count: 0 },
    ]);
    expect(empty.map((r) => [r.stepRate, r.overallRate, r.dropRate, r.dropOff])).toEqual([
      [null, null, null, 0],
      [null, null, null, 0],
    ]);
    expect(() =>
      funnelRates([
        { name: 'a', count: 1 },
        { name: 'b', count: 2 },
      ]),
    ).toThrow(RangeError);
  });
});
