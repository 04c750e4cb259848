import { describe, expect, it } from 'vitest';
import { mix32, Prng } from './prng.js';

describe('Prng', () => {
  it('repeats its stream for a seed and differs across seeds', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const first = Array.from({ length: 8 }, () => a.uint32());
    expect(Array.from({ length: 8 }, () => b.uint32())).toEqual(first);
    expect(Array.from({ length: 8 }, () => c.uint32())).not.toEqual(first);
  });

  it('pins the stream, so a change of algorithm cannot slip by unnoticed', () => {
    const rng = new Prng(1);
    expect(Array.from({ length: 3 }, () => rng.uint32())).toEqual([
      2442144158, 3238099751, 3819917871,
    ]);
  });

  it('draws within its bounds and evenly enough', () => {
    const rng = new Prng(7);
    let sum = 0;
    let [min, max] = [1, 0];
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i += 1) {
      const x = rng.next();
      [min, max] = [Math.min(min, x), Math.max(max, x)];
      sum += x;
      const k = rng.int(0, 5);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 60_000).toBeCloseTo(0.5, 2);
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(400);
  });

  it('picks by weight and never a key of weight zero', () => {
    const rng = new Prng(3);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 10_000; i += 1) counts[rng.weighted({ a: 3, b: 1, never: 0 })] += 1;
    expect(counts.never).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.6);
    expect(counts.a / counts.b).toBeLessThan(3.4);
  });

  it('has log-normal medians and Poisson means where asked', () => {
    const rng = new Prng(5);
    const draws = Array.from({ length: 20_001 }, () => rng.logNormal(50, 0.5)).sort(
      (x, y) => x - y,
    );
    expect(draws[10_000]).toBeGreaterThan(48);
    expect(draws[10_000]).toBeLessThan(52);
    let total = 0;
    for (let i = 0; i < 20_000; i += 1) total += rng.poisson(1.5);
    expect(total / 20_000).toBeCloseTo(1.5, 1);
  });
});

describe('mix32', () => {
  it('maps distinct inputs to distinct outputs', () => {
    const outputs = new Set<number>();
    for (let i = 0; i < 100_000; i += 1) outputs.add(mix32(i));
    expect(outputs.size).toBe(100_000);
  });
});
