// The standard normal CDF from its Taylor series: for |x| ≤ 6 the series converges before the
// terms' size costs more than a few of a double's digits, which is all a z-score needs.
function standardNormalCdf(x: number): number {
  if (x < -6) return 0;
  if (x > 6) return 1;
  const t = x / Math.SQRT2;
  let term = t;
  let sum = t;
  for (let n = 1; n < 200; n += 1) {
    term *= (-t * t) / n;
    const next = term / (2 * n + 1);
    sum += next;
    if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
  }
  return 0.5 + sum / Math.sqrt(Math.PI);
}

/**
 * The z with P(Z ≤ z) = p for a standard normal Z, for 1e-6 ≤ p ≤ 1 − 1e-6. Bisection on the
 * CDF: slow next to a rational approximation, but exact to the double and obviously right, and
 * reports ask for a handful of values.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 1e-6 && p <= 1 - 1e-6)) throw new RangeError(`normalQuantile: p ${p} outside (0, 1)`);
  let lo = -6;
  let hi = 6;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i += 1) {
    const mid = (lo + hi) / 2;
    if (standardNormalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The two-sided z for a confidence level: 0.95 → 1.95996…, the 97.5th percentile. */
export function zForConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence ${confidence} must be between 0 and 1`);
  return normalQuantile(1 - (1 - confidence) / 2);
}
