import { describe, expect, it } from 'vitest';
import { normalQuantile, zForConfidence } from './normal-quantile.js';

describe('normal quantile', () => {
  it('gives the textbook z-scores', () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959963984540054, 12);
    expect(zForConfidence(0.9)).toBeCloseTo(1.6448536269514722, 12);
    expect(zForConfidence(0.99)).toBeCloseTo(2.5758293035489004, 12);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 14);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 12);
  });

  it('refuses levels outside (0, 1)', () => {
    expect(() => zForConfidence(1)).toThrow(RangeError);
    expect(() => zForConfidence(0)).toThrow(RangeError);
  });
});
