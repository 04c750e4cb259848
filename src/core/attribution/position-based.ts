/**
 * Position-based (U-shaped) weights of a journey of `count` touches: the first touch earns
 * `firstShare`, the last `lastShare`, the touches between split the rest evenly.
 *
 * - 1 touch: it earns everything.
 * - 2 touches: there is no middle, so the two shares are scaled to sum to 1 (40/40 → 50/50,
 *   30/50 → 37.5/62.5); if both are 0 the two touches split evenly.
 * - 3 or more: the shares as configured; with first + last = 1 the middle earns nothing.
 */
export function positionBasedWeights(
  count: number,
  firstShare: number,
  lastShare: number,
): number[] {
  if (count <= 0) return [];
  if (count === 1) return [1];
  if (count === 2) {
    const sum = firstShare + lastShare;
    return sum > 0 ? [firstShare / sum, lastShare / sum] : [0.5, 0.5];
  }
  const middle = Math.max(0, 1 - firstShare - lastShare) / (count - 2);
  return Array.from({ length: count }, (_v, i) =>
    i === 0 ? firstShare : i === count - 1 ? lastShare : middle,
  );
}
