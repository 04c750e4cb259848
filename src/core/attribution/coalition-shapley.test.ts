import { describe, expect, it } from 'vitest';
import { prng } from './prng.test-support.js';
import { coalitionShapley, shapleyFromTable, shapleyValues } from './coalition-shapley.js';

describe('exact Shapley values', () => {
  it('solves a 2-player game by hand', () => {
    // v(∅) = 0, v(A) = 1, v(B) = 2, v(AB) = 6.
    // φ_A = 1/2·(v(A) − 0) + 1/2·(v(AB) − v(B)) = 1/2 + 2 = 2.5; φ_B = 1/2·2 + 1/2·5 = 3.5.
    const phi = shapleyFromTable(2, Float64Array.from([0, 1, 2, 6]));
    expect([...phi]).toEqual([2.5, 3.5]);
  });

  it('solves the 3-player glove game by hand', () => {
    // A holds the left glove, B and C a right one each; a pair is worth 1. Of the 6 orders A is
    // pivotal in the 4 where it does not come first (2/3); B only in A, B, C and C only in A, C, B.
    const v = (mask: number) => ((mask & 1) !== 0 && (mask & 6) !== 0 ? 1 : 0);
    const phi = shapleyValues(3, v);
    expect(phi[0]).toBeCloseTo(2 / 3, 15);
    expect(phi[1]).toBeCloseTo(1 / 6, 15);
    expect(phi[2]).toBeCloseTo(1 / 6, 15);
  });

  it('is efficient and symmetric on random games of up to 12 players', () => {
    const rand = prng(17);
    for (const n of [1, 2, 5, 9, 12]) {
      const table = Float64Array.from({ length: 2 ** n }, (_v, mask) =>
        mask === 0 ? 0 : rand() * 10,
      );
      // Make players 0 and 1 interchangeable: v(S ∪ {0}) = v(S ∪ {1}) for S without either.
      if (n >= 2)
        for (let mask = 0; mask < 2 ** n; mask++)
          if ((mask & 3) === 2) table[mask] = table[mask ^ 3] ?? 0;
      const phi = shapleyFromTable(n, table);
      const sum = phi.reduce((s, x) => s + x, 0);
      expect(sum).toBeCloseTo(table[2 ** n - 1] ?? NaN, 10);
      if (n >= 2) expect(phi[0]).toBeCloseTo(phi[1] ?? NaN, 12);
    }
  });

  it('gives a null player 0 and refuses more than 20 players', () => {
    const phi = shapleyValues(3, (mask) => (mask & 1 ? 2 : 0) + (mask & 2 ? 3 : 0));
    expect([...phi]).toEqual([2, 3, 0]);
    expect(() => shapleyValues(21, () => 0)).toThrow(/20/);
  });
});

describe('coalition Shapley over paths', () => {
  it('credits by the subset characteristic function', () => {
    // v(S) = conversions of paths whose channel set ⊆ S. Paths: {A}: 2, {A, B}: 1, {B, C}: 3.
    // The game is a sum of unanimity games, so each path's worth splits evenly over its channels:
    // A = 2 + 1/2 = 2.5, B = 1/2 + 3/2 = 2, C = 3/2. D never converts: 0.
    const paths = [
      { path: 'A > A', conversions: 2, nonConversions: 1, revenue: 10 },
      { path: 'B > A', conversions: 1, nonConversions: 0, revenue: 4 },
      { path: 'C > B > C', conversions: 3, nonConversions: 2, revenue: 30 },
      { path: 'D', conversions: 0, nonConversions: 9, revenue: 0 },
    ];
    const credits = coalitionShapley(paths);
    expect(credits.map((c) => c.channel)).toEqual(['A', 'B', 'C', 'D']);
    const got = credits.map((c) => c.credit);
    [2.5, 2, 1.5, 0].forEach((x, i) => expect(got[i]).toBeCloseTo(x, 14));
    const revenue = coalitionShapley(paths, { measure: 'revenue' }).map((c) => c.credit);
    // A = 10 + 2, B = 2 + 15, C = 15.
    [12, 17, 15, 0].forEach((x, i) => expect(revenue[i]).toBeCloseTo(x, 12));
  });

  it('matches the even-split closed form on 15 random channels', () => {
    const rand = prng(23);
    const channels = Array.from({ length: 15 }, (_v, i) => `ch${String(i).padStart(2, '0')}`);
    const expected = new Map(channels.map((c) => [c, 0]));
    const paths = Array.from({ length: 400 }, (_v, i) => {
      const len = 1 + Math.floor(rand() * 6);
      const path = Array.from({ length: len }, () => channels[Math.floor(rand() * 15)] ?? 'ch00');
      const conversions = Math.floor(rand() * 4);
      const distinct = [...new Set(path)];
      for (const c of distinct)
        expected.set(c, (expected.get(c) ?? 0) + conversions / distinct.length);
      return { path: `${path.join(' > ')}`, conversions, nonConversions: i % 3, revenue: 0 };
    });
    const merged = new Map<string, (typeof paths)[number]>();
    for (const p of paths) {
      const m = merged.get(p.path);
      merged.set(p.path, m ? { ...m, conversions: m.conversions + p.conversions } : p);
    }
    const credits = coalitionShapley([...merged.values()]);
    const total = [...merged.values()].reduce((s, p) => s + p.conversions, 0);
    expect(credits.reduce((s, c) => s + c.credit, 0)).toBeCloseTo(total, 9);
    for (const c of credits) expect(c.credit).toBeCloseTo(expected.get(c.channel) ?? NaN, 9);
  });
});
