import { zForConfidence } from './normal-quantile.js';

/** A proportion with its Wilson score interval; all null when there were no trials. */
export interface Proportion {
  readonly rate: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/**
 * The Wilson score interval of `successes` out of `trials` at the given confidence. Unlike the
 * normal approximation it stays inside [0, 1] and is honest for small samples and for rates
 * near 0 or 1, which is exactly where conversion cohorts live.
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Proportion {
  if (!(trials >= 0 && successes >= 0 && successes <= trials))
    throw new RangeError(`wilsonInterval: ${successes} successes out of ${trials} trials`);
  if (trials === 0) return { rate: null, low: null, high: null };
  const z = zForConfidence(confidence);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  // At the edges the exact bound is 0 or 1; float noise must not push it past.
  return {
    rate: p,
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}
