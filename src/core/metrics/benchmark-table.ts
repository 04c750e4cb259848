/** An industry's revenue-per-conversation range, in dollars per conversation. */
export interface RpcRange {
  readonly low: number;
  readonly average: number;
  readonly high: number;
  readonly top: number;
}

/**
 * Published RPC ranges by industry (low, average, high, top performer): the defaults of the
 * benchmark table, which `metrics.benchmarks` in the config extends or overrides per industry.
 */
export const DEFAULT_INDUSTRY_BENCHMARKS: Readonly<Record<string, RpcRange>> = {
  fashion_apparel: { low: 2.5, average: 6.8, high: 14, top: 22 },
  electronics_tech: { low: 4, average: 11.5, high: 22, top: 38 },
  beauty_cosmetics: { low: 3, average: 7.2, high: 15, top: 24 },
  home_furniture: { low: 5, average: 12, high: 28, top: 45 },
  food_beverage: { low: 1.5, average: 3.8, high: 8, top: 12 },
  health_wellness: { low: 3.5, average: 8.5, high: 18, top: 30 },
  luxury_goods: { low: 8, average: 22, high: 55, top: 95 },
  general_retail: { low: 2, average: 5.5, high: 12, top: 18 },
  b2b_saas: { low: 15, average: 45, high: 120, top: 350 },
};

/** Published average RPC by conversation type (only averages are given for these). */
export const DEFAULT_TYPE_BENCHMARKS: Readonly<Record<string, number>> = {
  product_recommendation: 18.5,
  pre_purchase: 12,
  cart_recovery: 24,
  order_status: 1.2,
  return_exchange: 2.8,
  general_support: 1.5,
  proactive: 8.5,
};

/** Where an RPC sits in a range, from below the low end to above the top performers. */
export type RangePosition =
  'below_low' | 'low_to_average' | 'average_to_high' | 'high_to_top' | 'top_or_above';

/** The band of the range an RPC falls in; each band includes its lower end. */
export function rangePosition(rpc: number, range: RpcRange): RangePosition {
  if (rpc < range.low) return 'below_low';
  if (rpc < range.average) return 'low_to_average';
  if (rpc < range.high) return 'average_to_high';
  if (rpc < range.top) return 'high_to_top';
  return 'top_or_above';
}

/** What is wrong with a range, or '' when low ≤ average ≤ high ≤ top and none is negative. */
export function rangeProblem(r: RpcRange): string {
  if ([r.low, r.average, r.high, r.top].some((v) => !(Number.isFinite(v) && v >= 0)))
    return 'values must be non-negative numbers';
  if (!(r.low <= r.average && r.average <= r.high && r.high <= r.top))
    return 'must satisfy low ≤ average ≤ high ≤ top';
  return '';
}
