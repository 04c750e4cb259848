import { DAY_MS } from './lookback-window.js';
import { applyPathTransforms, type PathTransform } from './path-transforms.js';

/** A visit (session) of a customer through a channel. */
export interface ChannelVisit {
  readonly customerId: string;
  readonly at: number;
  readonly channel: string;
}

export interface CustomerConversion {
  readonly customerId: string;
  readonly at: number;
  readonly revenue: number;
}

export interface FractributionPathOptions {
  /** Conversions that count: `from` ≤ time < `until` (pass midnight after the last day). */
  readonly conversionWindow: { readonly from: number; readonly until: number };
  /** A visit counts when 0 ≤ whole days from it to the path's end ≤ lookbackDays. */
  readonly lookbackDays: number;
  /** Keep only the last this many visits of a path (before transforms); no limit when ≤ 0. */
  readonly lookbackSteps?: number | undefined;
  readonly transforms: readonly PathTransform[];
}

export interface ConversionPath {
  readonly customerId: string;
  readonly conversionAt: number;
  readonly revenue: number;
  readonly path: readonly string[];
  readonly transformedPath: readonly string[];
}

export interface NonConversionPath {
  readonly customerId: string;
  readonly path: readonly string[];
  readonly transformedPath: readonly string[];
}

/**
 * Paths to conversion and to non-conversion with fractribution's window rules:
 * - visits are read from lookbackDays before the window's start up to its end;
 * - each conversion in the window gets the customer's visits whose whole days before it (elapsed
 *   time floored to days) lie in 0..lookbackDays: a visit at the conversion's instant counts, one
 *   a millisecond later does not;
 * - a customer with visits and no conversion in the window gets one non-conversion path, whose
 *   end is their last visit, under the same rule;
 * - visits of one customer are ordered by time, then channel name, so ties are deterministic.
 * Conversions come out ordered by time then customer, non-conversions by customer.
 */
export function buildFractributionPaths(
  visits: readonly ChannelVisit[],
  conversions: readonly CustomerConversion[],
  options: FractributionPathOptions,
): { conversions: ConversionPath[]; nonConversions: NonConversionPath[] } {
  const { from, until } = options.conversionWindow;
  const visitsFrom = from - options.lookbackDays * DAY_MS;
  const byCustomer = new Map<string, ChannelVisit[]>();
  for (const v of visits) {
    if (v.at < visitsFrom || v.at >= until) continue;
    const list = byCustomer.get(v.customerId);
    if (list) list.push(v);
    else byCustomer.set(v.customerId, [v]);
  }
  for (const list of byCustomer.values())
    list.sort((a, b) => a.at - b.at || compareText(a.channel, b.channel));

  const pathBefore = (customerId: string, end: number) => {
    const path = (byCustomer.get(customerId) ?? [])
      .filter((v) => {
        const days = Math.floor((end - v.at) / DAY_MS);
        return days >= 0 && days <= options.lookbackDays;
      })
      .map((v) => v.channel);
    const steps = options.lookbackSteps ?? 0;
    const trimmed = steps > 0 ? path.slice(-steps) : path;
    return { path: trimmed, transformedPath: applyPathTransforms(trimmed, options.transforms) };
  };

  const counted = conversions
    .filter((c) => c.at >= from && c.at < until)
    .sort((a, b) => a.at - b.at || compareText(a.customerId, b.customerId));
  const converters = new Set(counted.map((c) => c.customerId));
  const conversionPaths = counted.map((c) => ({
    customerId: c.customerId,
    conversionAt: c.at,
    revenue: c.revenue,
    ...pathBefore(c.customerId, c.at),
  }));
  const nonConversionPaths = [...byCustomer]
    .filter(([customerId]) => !converters.has(customerId))
    .sort(([a], [b]) => compareText(a, b))
    .map(([customerId, list]) => ({
      customerId,
      ...pathBefore(customerId, list[list.length - 1]?.at ?? 0),
    }));
  return { conversions: conversionPaths, nonConversions: nonConversionPaths };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
