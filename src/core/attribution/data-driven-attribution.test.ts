import { describe, expect, it } from 'vitest';
import { dataDrivenAttribution } from './data-driven-attribution.js';
import { dataDrivenModelNamed, dataDrivenModelOf } from './data-driven-model.js';
import type { PathSummary } from './path-summary.js';
import { RawPaths } from './raw-paths.js';

const row = (path: string, conversions: number, nonConversions: number, revenue = 0) => ({
  path,
  conversions,
  nonConversions,
  revenue,
});
const model = (name: string) => {
  const m = dataDrivenModelNamed(name);
  if (!m) throw new Error(name);
  return m;
};

describe('data-driven attribution handed back to positions', () => {
  // Raw paths; with exposure A > A > B is A > B.
  const raw: PathSummary[] = [row('A', 0, 1), row('A > A > B', 1, 0, 100), row('B', 1, 1, 50)];

  it('splits a token over the touches it stands for', () => {
    const r = dataDrivenAttribution(raw, model('shapley_path'));
    expect(r.paths.map((p) => p.path)).toEqual(['A', 'A > B', 'B']);
    // A > B: A ⅓, B ⅔ (see the pipeline test); the A token stands for two touches.
    const shares = r.positionShares.get('A > A > B') ?? [];
    [1, 1, 4].forEach((x, i) => expect((shares[i] ?? 0) * 6).toBeCloseTo(x, 12));
    expect(r.positionShares.has('A')).toBe(false);
  });

  it('Markov shares a channel by removal effect over all its touches', () => {
    const r = dataDrivenAttribution(raw, model('markov'));
    const shares = r.positionShares.get('A > A > B') ?? [];
    [0.125, 0.125, 0.75].forEach((x, i) => expect(shares[i]).toBeCloseTo(x, 12));
    expect(r.channels[0]?.removalEffect).toBeCloseTo(1 / 3, 12);
    expect(r.channels[1]?.removalEffect).toBeCloseTo(1, 12);
  });

  it('without transforms a repeated touch is a path of its own', () => {
    const unique = dataDrivenModelOf({ kind: 'shapley_coalition', transforms: [] });
    const r = dataDrivenAttribution(raw, unique);
    expect(r.paths.map((p) => p.path)).toEqual(['A', 'A > A > B', 'B']);
    expect(r.positionShares.get('A > A > B')).toEqual([0.25, 0.25, 0.5]);
  });

  it('gives every model the same result from raw paths parsed once for all of them', () => {
    const rows = [...raw, row('B > A > A > C', 2, 1, 30), row('C > C', 0, 3), row('', 4, 0, 9)];
    const shared = new RawPaths(rows);
    const names = ['markov', 'markov_2', 'shapley_path', 'shapley_coalition'];
    const first = dataDrivenModelOf({ kind: 'markov', transforms: [{ kind: 'first' }] });
    for (const m of [...names.map(model), first, model('markov')])
      expect(dataDrivenAttribution(shared, m)).toEqual(dataDrivenAttribution(rows, m));
    expect(shared.transformed([{ kind: 'exposure' }])).toBe(
      shared.transformed([{ kind: 'exposure' }]),
    );
    // Traced: the non-empty paths someone converted on (A > A > B, B, B > A > A > C).
    expect(shared.transformed([{ kind: 'exposure' }]).traced.length).toBe(3);
  });

  it('refuses coalition Shapley over more than 15 channels on converting paths', () => {
    const many = Array.from({ length: 16 }, (_v, i) => row(`c${i}`, 1, 0, 1));
    expect(() => dataDrivenAttribution(many, model('shapley_coalition'))).toThrow(
      /at most 15 channels on converting paths, and the data has 16/,
    );
    expect(() => dataDrivenAttribution(many.slice(1), model('shapley_coalition'))).not.toThrow();
  });
});
