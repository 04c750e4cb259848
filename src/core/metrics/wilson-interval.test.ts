import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval.js';

describe('Wilson score interval', () => {
  // By hand at z = 1.959964: z²/n = 0.384146 for n = 10.
  it('5 of 10: centre 0.5, half-width (z / 1.384146) · √(0.025 + 0.384146 / 40) = 0.263407', () => {
    const p = wilsonInterval(5, 10);
    expect(p.rate).toBe(0.5);
    expect(p.low).toBeCloseTo(0.236593, 6);
    expect(p.high).toBeCloseTo(0.763407, 6);
  });

  it('0 of 10 runs from exactly 0 to z²/n / (1 + z²/n) = 0.277533; 10 of 10 mirrors it', () => {
    const none = wilsonInterval(0, 10);
    expect([none.rate, none.low]).toEqual([0, 0]);
    expect(none.high).toBeCloseTo(0.277533, 6);
    const all = wilsonInterval(10, 10);
    expect([all.rate, all.high]).toEqual([1, 1]);
    expect(all.low).toBeCloseTo(0.722467, 6);
  });

  it('widens with confidence and narrows with sample size', () => {
    const narrow = wilsonInterval(50, 100);
    const wide = wilsonInterval(50, 100, 0.99);
    expect(wide.low!).toBeLessThan(narrow.low!);
    expect(wilsonInterval(500, 1000).high! - wilsonInterval(500, 1000).low!).toBeLessThan(
      narrow.high! - narrow.low!,
    );
  });

  it('is undefined with no trials, and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ rate: null, low: null, high: null });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
  });
});
