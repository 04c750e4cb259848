import { describe, expect, it } from 'vitest';
import { monthlyVolume, rpcImpact } from './what-if.js';

describe('what-if', () => {
  it('prices an RPC change at a volume: +$2 at 30,000 a month is $60,000 a month, $720,000 a year', () => {
    expect(rpcImpact(30_000, 2)).toEqual({ monthly: 60_000, annual: 720_000 });
    expect(rpcImpact(30_000, 0.5)).toEqual({ monthly: 15_000, annual: 180_000 });
    expect(rpcImpact(30_000, -1)).toEqual({ monthly: -30_000, annual: -360_000 });
  });

  it('scales an observed volume to the average month: 365 conversations in 365 days is 30.4375', () => {
    expect(monthlyVolume(365, 365)).toBe(30.4375);
    expect(monthlyVolume(10, 1)).toBe(304.375);
    expect(monthlyVolume(0, 0)).toBeNull();
  });
});
