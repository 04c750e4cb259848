import type { ComparisonVectors, LevelLayout } from './estimate-m.js';
import { PROBABILITY_FLOOR, clampProbability } from './fellegi-sunter-model.js';

export interface PopulationPrior {
  /** Probability that two records drawn at random are a match. */
  readonly lambda: number;
  /** Matches expected among the candidate pairs under that prior. */
  readonly expectedMatches: number;
  readonly iterations: number;
}

/**
 * The prior over all pairs, λ = (expected matches) / (all pairs), as a fixed point: each
 * candidate's posterior uses every field and λ itself, and pairs blocking never proposed count
 * as non-matches. This is EM's λ step over the full cross product with m and u held, which
 * blocking lets us evaluate on the candidates alone. Matches blocking missed are not counted,
 * so the prior errs low, towards not merging.
 */
export function estimatePopulationPrior(
  vectors: ComparisonVectors,
  m: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
  layout: LevelLayout,
  totalPairs: number,
  options: { readonly tolerance?: number; readonly maxIterations?: number } = {},
): PopulationPrior {
  const F = vectors.fieldCount;
  // log(m/u) summed per pair once; the iteration only moves the prior.
  const evidence = new Float64Array(vectors.count);
  const logRatio = m.map((row, f) =>
    row.map((x, l) => (l === layout.nullLevels[f] ? 0 : Math.log(x / u[f]![l]!))),
  );
  for (let k = 0; k < vectors.count; k++) {
    let w = 0;
    for (let f = 0; f < F; f++) w += logRatio[f]![vectors.levels[k * F + f]!]!;
    evidence[k] = w;
  }
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 500;
  let lambda = clampProbability(vectors.count / Math.max(1, totalPairs) / 10);
  let expected = 0;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const prior = Math.log(lambda / (1 - lambda));
    expected = 0;
    for (let k = 0; k < vectors.count; k++) expected += 1 / (1 + Math.exp(-(prior + evidence[k]!)));
    const next = clampProbability(
      expected / Math.max(1, totalPairs),
      Math.min(PROBABILITY_FLOOR, 0.5 / Math.max(1, totalPairs)),
    );
    const change = Math.abs(Math.log(next) - Math.log(lambda));
    lambda = next;
    if (change < tolerance) break;
  }
  return { lambda, expectedMatches: expected, iterations };
}
