import { DAY_MS } from './lookback-window.js';

/**
 * Time-decay weights 2^(−age/halfLife), age = conversion time − touch time in days, of touches in
 * journey order (unnormalised).
 *
 * The conversion time cancels on normalising, so ages are taken from the newest touch instead:
 * that touch weighs exactly 1 and a journey of very old touches cannot underflow to all zeros.
 */
export function timeDecayWeights(occurredAt: readonly number[], halfLifeDays: number): number[] {
  let newest = -Infinity;
  for (const t of occurredAt) if (t > newest) newest = t;
  const halfLifeMs = halfLifeDays * DAY_MS;
  return occurredAt.map((t) => Math.pow(2, (t - newest) / halfLifeMs));
}
