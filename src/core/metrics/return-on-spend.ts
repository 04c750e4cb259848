import { ratio } from './ratio.js';

/** Return on ad spend: revenue per unit of spend; undefined (null) when nothing was spent. */
export function roas(revenue: number, spend: number): number | null {
  return ratio(revenue, spend);
}

/**
 * Return on investment in percent, as the seeds define it: profit / spend × 100 with profit =
 * revenue − spend; undefined (null) when the spend is 0 — a free channel's return is not
 * infinite, it is not a ratio at all.
 */
export function roiPercent(revenue: number, cost: number): number | null {
  const r = ratio(revenue - cost, cost);
  return r === null ? null : r * 100;
}
