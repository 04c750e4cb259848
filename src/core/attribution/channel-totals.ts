import type { PathCredits } from './path-credits.js';

/** A channel's attributed conversions and revenue, summed over paths. */
export interface ChannelTotal {
  readonly channel: string;
  readonly conversions: number;
  readonly revenue: number;
}

export interface ChannelReportRow extends ChannelTotal {
  readonly spend: number;
  /** Revenue per unit of spend; null when nothing was spent (undefined, not infinite). */
  readonly roas: number | null;
}

/**
 * Σ over paths of a channel's fraction × the path's conversions (and × its revenue), for every
 * channel seen in any path (0 when never credited), sorted by channel name. `channelOf` merges
 * tokens into channels, e.g. `frequencyTokenChannel` after the frequency transform.
 */
export function channelTotals(
  paths: readonly PathCredits[],
  channelOf: (token: string) => string = (t) => t,
): ChannelTotal[] {
  const totals = new Map<string, { conversions: number; revenue: number }>();
  for (const row of paths)
    for (const { channel: token, fraction } of row.credits) {
      const channel = channelOf(token);
      const t = totals.get(channel) ?? { conversions: 0, revenue: 0 };
      t.conversions += fraction * row.conversions;
      t.revenue += fraction * row.revenue;
      totals.set(channel, t);
    }
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([channel, t]) => ({ channel, ...t }));
}

/** Channel totals with spend and ROAS (revenue / spend). */
export function channelReport(
  totals: readonly ChannelTotal[],
  spendOf: (channel: string) => number,
): ChannelReportRow[] {
  return totals.map((t) => {
    const spend = spendOf(t.channel);
    return { ...t, spend, roas: spend > 0 ? t.revenue / spend : null };
  });
}
