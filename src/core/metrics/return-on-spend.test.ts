import { describe, expect, it } from 'vitest';
import { ratio } from './ratio.js';
import { roas, roi } from './return-on-spend.js';

describe('ratio, ROI and ROAS', () => {
  it('divide, and are undefined (null) over a zero or missing denominator', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(0, 4)).toBe(0);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, null)).toBeNull();
  });

  it('ROI = (revenue − spend) / spend; ROAS = revenue / spend; neither is infinite at spend 0', () => {
    // 150 back on 100 spent: ROI 50 %, ROAS 1.5.
    expect(roi(150, 100)).toBe(0.5);
    expect(roas(150, 100)).toBe(1.5);
    // Losing money is a negative ROI, losing all of it −100 %.
    expect(roi(40, 100)).toBeCloseTo(-0.6, 12);
    expect(roi(0, 100)).toBe(-1);
    expect(roi(100, 0)).toBeNull();
    expect(roas(100, 0)).toBeNull();
  });
});
