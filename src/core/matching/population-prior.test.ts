import { describe, expect, it } from 'vitest';
import { estimatePopulationPrior } from './population-prior.js';

const layout = { levelCounts: [2], nullLevels: [-1] };
const m = [[0.99, 0.01]];
const u = [[0.0001, 0.9999]];

describe('estimatePopulationPrior', () => {
  it('counts the candidates the model believes in, over all pairs', () => {
    // 40 candidates agree (near-certain matches), 60 disagree (near-certain non-matches).
    const levels = Uint8Array.from({ length: 100 }, (_, k) => (k < 40 ? 0 : 1));
    const prior = estimatePopulationPrior(
      { count: 100, fieldCount: 1, levels },
      m,
      u,
      layout,
      10_000,
    );
    // Each agreeing pair has odds λ/(1−λ)·9900 ≈ 40: about 0.975 of a match.
    expect(prior.expectedMatches).toBeGreaterThan(38.5);
    expect(prior.expectedMatches).toBeLessThan(40.5);
    expect(prior.lambda).toBeCloseTo(prior.expectedMatches / 10_000, 10);
  });

  it('stays above zero when nothing matches', () => {
    const levels = new Uint8Array(50).fill(1);
    const prior = estimatePopulationPrior({ count: 50, fieldCount: 1, levels }, m, u, layout, 1225);
    expect(prior.lambda).toBeGreaterThan(0);
    expect(prior.expectedMatches).toBeLessThan(1);
  });
});
