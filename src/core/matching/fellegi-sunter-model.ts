/** What the model knows about one field: per level, P(level | match) and P(level | non-match). */
export interface FieldParameters {
  readonly field: string;
  /** Label of each level (see describeLevel). */
  readonly levels: readonly string[];
  /** P(level | match); the null level holds 1 and is never used. */
  readonly m: readonly number[];
  /** P(level | non-match); the null level holds 1 and is never used. */
  readonly u: readonly number[];
  /** Index of the null level, or -1. */
  readonly nullLevel: number;
  /** Index of the exact level whose u is replaced by the value's frequency, or -1. */
  readonly termFrequencyLevel: number;
}

/** A trained Fellegi–Sunter model: the prior and the m and u of every field's levels. */
export interface FellegiSunterModel {
  /** Prior probability that two records drawn at random are a match. */
  readonly lambda: number;
  readonly fields: readonly FieldParameters[];
}

/**
 * Smallest probability the model holds: a level never seen among matches (or non-matches) in a
 * sample is rare, not impossible, and log(0) would make one field veto every other.
 */
export const PROBABILITY_FLOOR = 1e-6;

/** p kept within [floor, 1 − floor]. */
export function clampProbability(p: number, floor = PROBABILITY_FLOOR): number {
  return Math.min(1 - floor, Math.max(floor, p));
}

/**
 * Floors the scored levels of a distribution (the null level excluded) and rescales them to sum
 * to 1, so a floored level still leaves a proper distribution.
 */
export function normaliseLevels(
  p: number[],
  nullLevel: number,
  floor = PROBABILITY_FLOOR,
): number[] {
  let sum = 0;
  const out = p.map((x, l) => {
    if (l === nullLevel) return 1;
    const v = Math.max(floor, Number.isFinite(x) ? x : 0);
    sum += v;
    return v;
  });
  return out.map((x, l) => (l === nullLevel ? 1 : x / sum));
}
