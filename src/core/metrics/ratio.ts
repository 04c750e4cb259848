/**
 * `numerator / denominator`, or null when the denominator is zero or missing: a rate over
 * nothing is undefined, and reporting it as 0 would read as "measured, and nothing happened".
 */
export function ratio(numerator: number, denominator: number | null | undefined): number | null {
  if (denominator === null || denominator === undefined || denominator === 0) return null;
  return numerator / denominator;
}
