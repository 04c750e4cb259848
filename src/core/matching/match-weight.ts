/** Prior odds in bits: log2(λ / (1 − λ)). */
export function priorWeight(lambda: number): number {
  return Math.log2(lambda / (1 - lambda));
}

/** Evidence of one comparison level in bits: log2(m / u); positive favours a match. */
export function levelWeight(m: number, u: number): number {
  return Math.log2(m / u);
}

/** Match weight (log2 of the posterior odds) to the probability of a match. */
export function weightToProbability(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/** Probability of a match to match weight; 0 and 1 give -Infinity and Infinity. */
export function probabilityToWeight(probability: number): number {
  return Math.log2(probability / (1 - probability));
}
