/**
 * Weights scaled to sum to 1. All-zero (or empty) weights stay as they are: the caller decides
 * what an uncreditable journey means.
 */
export function normaliseWeights(weights: readonly number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w;
  return sum > 0 ? weights.map((w) => w / sum) : [...weights];
}
