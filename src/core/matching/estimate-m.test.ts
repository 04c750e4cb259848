import { describe, expect, it } from 'vitest';
import { estimateM, type ComparisonVectors } from './estimate-m.js';
import { seededRandom } from './seeded-random.js';

// Three fields: the first has a null level (index 0) that either record may fall in.
const layout = { levelCounts: [4, 3, 3], nullLevels: [0, -1, -1] };
const trueM = [
  [1, 0.75, 0.15, 0.1],
  [0.7, 0.2, 0.1],
  [0.9, 0.06, 0.04],
];
const trueU = [
  [1, 0.02, 0.08, 0.9],
  [0.05, 0.15, 0.8],
  [0.1, 0.2, 0.7],
];

function draw(random: () => number, p: readonly number[], skip: number): number {
  const total = p.reduce((s, x, l) => (l === skip ? s : s + x), 0);
  let r = random() * total;
  for (let l = 0; l < p.length; l++) {
    if (l === skip) continue;
    r -= p[l]!;
    if (r < 0) return l;
  }
  return p.length - 1;
}

/** Comparison vectors sampled from the latent-class model the trainer assumes. */
function synthetic(count: number, lambda: number, seed: number): ComparisonVectors {
  const random = seededRandom(seed);
  const levels = new Uint8Array(count * 3);
  for (let k = 0; k < count; k++) {
    const params = random() < lambda ? trueM : trueU;
    for (let f = 0; f < 3; f++) {
      const nullLevel = layout.nullLevels[f]!;
      levels[k * 3 + f] =
        nullLevel >= 0 && random() < 0.2 ? nullLevel : draw(random, params[f]!, nullLevel);
    }
  }
  return { count, fieldCount: 3, levels };
}

describe('estimateM', () => {
  it('recovers the m and λ the data were generated from, with u fixed', () => {
    const result = estimateM(synthetic(40_000, 0.3, 11), trueU, layout);
    expect(result.converged).toBe(true);
    expect(result.lambda).toBeCloseTo(0.3, 1);
    expect(Math.abs(result.lambda - 0.3)).toBeLessThan(0.02);
    result.m.forEach((row, f) =>
      row.forEach((m, l) => {
        if (l !== layout.nullLevels[f]) expect(Math.abs(m - trueM[f]![l]!)).toBeLessThan(0.03);
      }),
    );
  });

  it('gives the same answer for the same data (no hidden randomness)', () => {
    const data = synthetic(5_000, 0.2, 3);
    expect(estimateM(data, trueU, layout)).toEqual(estimateM(data, trueU, layout));
  });

  it('keeps every probability strictly inside (0, 1)', () => {
    // All pairs agree perfectly: unfloored, m of every other level and λ would reach 0 and 1.
    const levels = new Uint8Array(300).fill(0);
    for (let k = 0; k < 100; k++) levels[k * 3] = 1;
    const result = estimateM({ count: 100, fieldCount: 3, levels }, trueU, layout);
    expect(result.lambda).toBeLessThan(1);
    for (const row of result.m) for (const m of row) expect(m).toBeGreaterThan(0);
    for (const row of result.m)
      for (const [l, m] of row.entries()) if (l > 0) expect(m).toBeLessThan(1);
  });

  it('leaves out of each session the fields its blocking rule fixed', () => {
    // Session 0 pairs were blocked on field 2 and all agree on it whatever they are; counted in,
    // field 2 would look like perfect evidence. Left out, its m comes from session 1 only.
    const a = synthetic(20_000, 0.3, 5);
    const b = synthetic(20_000, 0.3, 6);
    const levels = new Uint8Array((a.count + b.count) * 3);
    levels.set(a.levels);
    levels.set(b.levels, a.levels.length);
    for (let k = 0; k < a.count; k++) levels[k * 3 + 2] = 0;
    const membership = new Uint32Array(a.count + b.count).fill(1, 0, a.count).fill(2, a.count);
    const result = estimateM({ count: a.count + b.count, fieldCount: 3, levels }, trueU, layout, {
      sessions: { membership, excludedFields: [[2], []] },
    });
    expect(Math.abs(result.m[2]![0]! - 0.9)).toBeLessThan(0.03);
    expect(result.sessionLambdas.every((l) => Math.abs(l - 0.3) < 0.03)).toBe(true);
    expect(result.fieldsNotEstimated).toEqual([]);
  });
});
