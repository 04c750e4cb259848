import { ratio } from './ratio.js';

/** Return on ad spend: revenue per unit of spend; undefined (null) when nothing was spent. */
export function roas(revenue: number, spend: number): number | null {
  return ratio(revenue, spend);
}

/**
 * Return on investment, (revenue − cost) / cost; undefined (null) when the cost is 0 — a free
 * channel's return is not infinite, it is not a ratio at all.
 */
export function roi(revenue: number, cost: number): number | null {
  return ratio(revenue - cost, cost);
}
