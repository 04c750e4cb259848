import { describe, expect, it } from 'vitest';
import { ratio } from './ratio.js';
import { roas, roiPercent } from './return-on-spend.js';

describe('ratio, ROI and ROAS', () => {
  it('divide, and are undefined (null) over a zero or missing denominator', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(0, 4)).toBe(0);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, null)).toBeNull();
  });

  it('ROI % = profit / spend × 100 (seed 003); ROAS = revenue / spend; neither is infinite at spend 0', () => {
    // 150 back on 100 spent: profit 50, ROI 50 %, ROAS 1.5.
    expect(roiPercent(150, 100)).toBe(50);
    expect(roas(150, 100)).toBe(1.5);
    // Losing money is a negative ROI, losing all of it −100 %.
    expect(roiPercent(40, 100)).toBeCloseTo(-60, 10);
    expect(roiPercent(0, 100)).toBe(-100);
    expect(roiPercent(100, 0)).toBeNull();
    expect(roas(100, 0)).toBeNull();
  });
});
