import { describe, expect, it } from 'vitest';
import { prng } from './prng.test-support.js';
import { chainAbsorption } from './chain-absorption.js';
import { buildMarkovChain } from './markov-chain.js';
import { markovAttribution, type MarkovResult } from './markov-attribution.js';
import { pathKey } from './path-key.js';
import { applyPathTransforms } from './path-transforms.js';
import { summarisePaths, type PathSummary } from './path-summary.js';

const row = (
  path: string,
  conversions: number,
  nonConversions: number,
  revenue = 0,
): PathSummary => ({
  path,
  conversions,
  nonConversions,
  revenue,
});
const byChannel = (r: MarkovResult) => Object.fromEntries(r.channels.map((c) => [c.channel, c]));

describe('Markov removal effect, order 1, by hand', () => {
  // A > B converts once, B once, A does not.
  // start→A 2/3, start→B 1/3; A→B 1/2, A→null 1/2; B→conv 1.
  // P = 2/3·1/2 + 1/3 = 2/3. Without A: 1/3 → effect 1/2. Without B: 0 → effect 1.
  // Normalised 1/3, 2/3 × 2 conversions = 2/3, 4/3.
  it('on a chain without cycles', () => {
    const r = markovAttribution([row('A > B', 1, 0, 30), row('B', 1, 0, 90), row('A', 0, 1)]);
    expect(r.conversionProbability).toBeCloseTo(2 / 3, 15);
    const c = byChannel(r);
    expect(c.A?.removalEffect).toBeCloseTo(0.5, 15);
    expect(c.B?.removalEffect).toBeCloseTo(1, 15);
    expect(c.A?.conversions).toBeCloseTo(2 / 3, 14);
    expect(c.B?.conversions).toBeCloseTo(4 / 3, 14);
  });

  // A > B > A converts once, B does not. start→A 1/2, →B 1/2; A→B 1/2, A→conv 1/2; B→A 1/2,
  // B→null 1/2. x_A = 1/2·x_B + 1/2, x_B = 1/2·x_A → x_A = 2/3, x_B = 1/3; P = 1/2.
  // Without A: x_B = 0 → P = 0, effect 1. Without B: x_A = 1/2 → P = 1/4, effect 1/2.
  // Shares 2/3, 1/3 of 1 conversion.
  it('on a chain with a cycle (the linear system matters)', () => {
    for (const solver of ['direct', 'iterative'] as const) {
      const r = markovAttribution([row('A > B > A', 1, 0, 100), row('B', 0, 1)], { solver });
      expect(r.conversionProbability).toBeCloseTo(0.5, 14);
      const c = byChannel(r);
      expect(c.A?.removalEffect).toBeCloseTo(1, 14);
      expect(c.B?.removalEffect).toBeCloseTo(0.5, 14);
      expect(c.A?.conversions).toBeCloseTo(2 / 3, 14);
      expect(c.B?.conversions).toBeCloseTo(1 / 3, 14);
      expect(c.A?.revenue).toBeCloseTo(200 / 3, 12);
    }
  });

  // A converts (100), B converts (20), A > B does not.
  // start→A 2/3, →B 1/3; A→conv 1/2, A→B 1/2; B→conv 1/2, B→null 1/2.
  // Conversions: x_B = 1/2, x_A = 3/4, P = 2/3. Without A: 1/3·1/2 = 1/6 → effect 3/4.
  // Without B: x_A = 1/2 → 1/3 → effect 1/2. Shares 3/5, 2/5 × 2 = 1.2, 0.8.
  // Value: reward A = 1/2·100 = 50, B = 1/2·20 = 10. v_B = 10, v_A = 50 + 5 = 55,
  // V = 2/3·55 + 1/3·10 = 40 (= 120 revenue / 3 journeys). Without A: 10/3 → effect 11/12.
  // Without B: v_A = 50 → 100/3 → effect 1/6. Shares 11/13, 2/13 × 120.
  it('for value, weighting each conversion exit by the revenue converted there', () => {
    const r = markovAttribution([row('A', 1, 0, 100), row('B', 1, 0, 20), row('A > B', 0, 1)]);
    expect(r.valuePerJourney).toBeCloseTo(40, 13);
    const c = byChannel(r);
    expect(c.A?.conversions).toBeCloseTo(1.2, 14);
    expect(c.B?.conversions).toBeCloseTo(0.8, 14);
    expect(c.A?.valueRemovalEffect).toBeCloseTo(11 / 12, 14);
    expect(c.B?.valueRemovalEffect).toBeCloseTo(1 / 6, 14);
    expect(c.A?.revenue).toBeCloseTo((11 / 13) * 120, 12);
    expect(c.B?.revenue).toBeCloseTo((2 / 13) * 120, 12);
  });
});

describe('Markov removal effect, order 2, by hand', () => {
  // A > B converts twice, B > A and A do not convert.
  // Order 1: start→A 3/4, →B 1/4; A→B 1/2, A→null 1/2; B→conv 2/3, B→A 1/3.
  //   x_A = 1/2·x_B, x_B = 2/3 + 1/3·x_A → x_B = 4/5, x_A = 2/5; P = 3/10 + 1/5 = 1/2.
  //   Without A: x_B = 2/3 → P = 1/6, effect 2/3. Without B: 0, effect 1. Shares 2/5, 3/5.
  // Order 2: states (A), (B), (A,B), (B,A). start→(A) 3/4, →(B) 1/4; (A)→(A,B) 2/3, (A)→null 1/3;
  //   (B)→(B,A) 1; (A,B)→conv 1; (B,A)→null 1. P = 3/4·2/3 = 1/2.
  //   Without A or without B nothing converts: effects 1 and 1, shares 1/2, 1/2.
  const paths = [row('A > B', 2, 0), row('B > A', 0, 1), row('A', 0, 1)];
  it('differs from order 1 as computed', () => {
    const one = byChannel(markovAttribution(paths, { order: 1 }));
    expect(one.A?.removalEffect).toBeCloseTo(2 / 3, 15);
    expect(one.A?.conversions).toBeCloseTo(0.8, 14);
    expect(one.B?.conversions).toBeCloseTo(1.2, 14);
    const two = markovAttribution(paths, { order: 2 });
    expect(two.states).toBe(5);
    expect(two.conversionProbability).toBeCloseTo(0.5, 15);
    expect(byChannel(two).A?.conversions).toBeCloseTo(1, 14);
    expect(byChannel(two).B?.conversions).toBeCloseTo(1, 14);
  });
});

describe('Markov on random paths', () => {
  const channels = ['Direct', 'Email', 'Paid', 'Social', 'Chat', 'Video'];
  const randomSummary = (seed: number, journeys: number, maxLength: number) => {
    const rand = prng(seed);
    return summarisePaths(
      Array.from({ length: journeys }, () => {
        const len = 1 + Math.floor(rand() * maxLength);
        const raw = Array.from(
          { length: len },
          () => channels[Math.floor(rand() * channels.length)] ?? 'Direct',
        );
        const path = applyPathTransforms(raw, rand() < 0.5 ? [{ kind: 'exposure' }] : []);
        const converted = rand() < 0.1 + 0.1 * path.filter((c) => c === 'Chat').length;
        return { path, converted, revenue: converted ? Math.round(rand() * 10_000) / 100 : 0 };
      }),
    );
  };

  it('reproduces the observed conversion rate and revenue per journey, for orders 1 to 3', () => {
    // The estimated chain's expected visits equal the observed ones, so from the start it converts
    // exactly conversions / journeys and earns revenue / journeys.
    const paths = randomSummary(3, 3000, 7);
    const conversions = paths.reduce((s, p) => s + p.conversions, 0);
    const revenue = paths.reduce((s, p) => s + p.revenue, 0);
    for (const order of [1, 2, 3]) {
      const r = markovAttribution(paths, { order });
      expect(r.journeys).toBe(3000);
      expect(r.conversionProbability).toBeCloseTo(conversions / 3000, 13);
      expect(r.valuePerJourney).toBeCloseTo(revenue / 3000, 10);
      expect(r.channels.reduce((s, c) => s + c.conversions, 0)).toBeCloseTo(conversions, 9);
      expect(r.channels.reduce((s, c) => s + c.revenue, 0)).toBeCloseTo(revenue, 7);
      expect(r.channels.every((c) => c.removalEffect >= 0 && c.removalEffect <= 1)).toBe(true);
    }
  });

  it('gives the same answer by Gauss–Seidel as by the direct solve, to 1e-12', () => {
    for (const [seed, order] of [
      [5, 1],
      [6, 2],
      [7, 3],
      [8, 3],
    ] as const) {
      const paths = randomSummary(seed, 1500, 9);
      const direct = markovAttribution(paths, { order, solver: 'direct' });
      const iterative = markovAttribution(paths, { order, solver: 'iterative' });
      expect(direct.solver).toBe('direct');
      expect(iterative.solver).toBe('iterative');
      expect(Math.abs(direct.conversionProbability - iterative.conversionProbability)).toBeLessThan(
        1e-12,
      );
      direct.channels.forEach((c, i) => {
        const it = iterative.channels[i];
        expect(Math.abs(c.removalEffect - (it?.removalEffect ?? NaN))).toBeLessThan(1e-12);
        expect(Math.abs(c.valueRemovalEffect - (it?.valueRemovalEffect ?? NaN))).toBeLessThan(
          1e-12,
        );
      });
    }
  });

  it('converges on chains that linger in a cycle of probability ≈ 0.999', () => {
    // One journey bounces A > B 2000 times before converting; A→B and B→A are then both ≈ 1, so
    // Gauss–Seidel gains little per sweep. It must still agree with the direct solve.
    const long = pathKey(Array.from({ length: 4000 }, (_v, i) => (i % 2 === 0 ? 'A' : 'B')));
    const paths = [row(long, 1, 0, 5), row('B > A', 0, 3), row('B', 1, 0, 2)];
    const chain = buildMarkovChain(paths, 1);
    const d = chainAbsorption(chain, 'direct');
    const g = chainAbsorption(chain, 'iterative');
    expect(Math.abs(d.conversion - g.conversion)).toBeLessThan(1e-12);
    expect(Math.abs(d.value - g.value) / d.value).toBeLessThan(1e-12);
    // 2 conversions of 5 journeys; 7 revenue over 5 journeys.
    expect(d.conversion).toBeCloseTo(2 / 5, 13);
    expect(d.value).toBeCloseTo(7 / 5, 12);
  });

  it('is independent of the order of the summary rows', () => {
    const paths = randomSummary(9, 800, 6);
    const a = markovAttribution(paths, { order: 2 });
    const b = markovAttribution([...paths].reverse(), { order: 2 });
    expect(b).toEqual(a);
  });

  it('credits nothing when nothing converts, and refuses order 0', () => {
    const r = markovAttribution([row('A > B', 0, 4)]);
    expect(r.channels.map((c) => c.conversions)).toEqual([0, 0]);
    expect(() => markovAttribution([row('A', 1, 0)], { order: 0 })).toThrow(/order/);
  });
});
