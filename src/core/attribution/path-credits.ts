import type { PathSummary } from './path-summary.js';

/** A channel's share of one path's conversions (channels repeated in the path add up). */
export interface ChannelCredit {
  readonly channel: string;
  readonly fraction: number;
}

/**
 * A path summary row with the share of each channel of the path, in order of first appearance.
 * Channels present with no credit are listed with 0, as fractribution does; the empty path has
 * no credits (its conversions are unattributed).
 */
export interface PathCredits extends PathSummary {
  readonly credits: readonly ChannelCredit[];
}

/** Per-position shares summed per channel, keeping first-appearance order. */
export function creditsByChannel(
  channels: readonly string[],
  shares: readonly number[],
): ChannelCredit[] {
  const sums = new Map<string, number>();
  channels.forEach((c, i) => sums.set(c, (sums.get(c) ?? 0) + (shares[i] ?? 0)));
  return [...sums].map(([channel, fraction]) => ({ channel, fraction }));
}
