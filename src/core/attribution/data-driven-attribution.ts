import { attributionProblem, throwIfProblems } from './attribution-error.js';
import { channelTotals } from './channel-totals.js';
import { coalitionShapley } from './coalition-shapley.js';
import { MAX_COALITION_CHANNELS, type DataDrivenModel } from './data-driven-model.js';
import { markovAttribution } from './markov-attribution.js';
import { creditsByChannel } from './path-credits.js';
import { parsePathKey, PATH_SEPARATOR } from './path-key.js';
import { pathShapleyPositionShares } from './path-shapley.js';
import type { PathSummary } from './path-summary.js';
import { frequencyTokenChannel } from './path-transforms.js';
import { RawPaths } from './raw-paths.js';
import type { TracedToken } from './trace-path-transforms.js';

/** A channel's result under a data-driven model, at the level the model itself works. */
export interface DataDrivenChannel {
  readonly channel: string;
  /** Markov only: 1 − P(conversion without the channel) / P(conversion); null otherwise. */
  readonly removalEffect: number | null;
  /** Markov only: the same for the expected value per journey; null otherwise. */
  readonly valueRemovalEffect: number | null;
  /** The conversions the model gives the channel (they add up to all converting journeys). */
  readonly conversions: number;
  /** The value the model gives the channel (it adds up to all converted value). */
  readonly revenue: number;
}

export interface DataDrivenResult {
  /** The transformed path summary the model ran on, sorted by path key. */
  readonly paths: readonly PathSummary[];
  /** Sorted by channel name. */
  readonly channels: readonly DataDrivenChannel[];
  /**
   * For each raw converting path key: the share of each of its positions (touches in journey
   * order), summing to 1. A conversion's touch at position i earns shares[i − 1].
   */
  readonly positionShares: ReadonlyMap<string, readonly number[]>;
}

/**
 * Runs one data-driven model over raw path counts (untransformed channel paths of converting and
 * non-converting journeys; a RawPaths shares their parsing between models) and hands its result
 * back to positions:
 * - `shapley_path`: each token of the transformed path earns its fractribution share;
 * - `markov`: each distinct channel of the transformed path earns its removal effect over the
 *   sum of the removal effects of the path's channels (all zero: an equal share each);
 * - `shapley_coalition`: each distinct channel earns an equal share — with v(S) = the worth of
 *   the paths whose channels lie within S, the Shapley value is exactly that split summed over
 *   paths, so the credits add up per channel to the exact coalition values.
 * A token's share is split evenly over the raw touches it stands for (see tracePathTransforms),
 * a channel's over the touches of all its tokens; dropped touches earn nothing.
 */
export function dataDrivenAttribution(
  raw: readonly PathSummary[] | RawPaths,
  model: DataDrivenModel,
): DataDrivenResult {
  const channelOf = model.transforms.some((t) => t.kind === 'frequency')
    ? frequencyTokenChannel
    : (t: string) => t;
  const { traced, paths } = (raw instanceof RawPaths ? raw : new RawPaths(raw)).transformed(
    model.transforms,
  );

  let channels: DataDrivenChannel[];
  let tokenShares: (tokens: readonly TracedToken[]) => number[];
  switch (model.kind) {
    case 'shapley_path': {
      const sharesOf = pathShapleyPositionShares(paths);
      const memo = new Map<string, number[]>();
      const sharesOfPath = (key: string, tokens: readonly string[]) => {
        let shares = memo.get(key);
        if (shares === undefined) {
          shares = sharesOf(tokens);
          memo.set(key, shares);
        }
        return shares;
      };
      // Channel totals weigh a path's shares by its conversions and revenue: a path nobody
      // converted on adds 0 whatever its shares, so they are not worked out (they cost as much
      // as the converting paths' own), only its channels listed.
      const credited = paths.map((row) => {
        const tokens = parsePathKey(row.path);
        const shares = row.conversions > 0 ? sharesOfPath(row.path, tokens) : tokens.map(() => 0);
        return { ...row, credits: creditsByChannel(tokens, shares) };
      });
      channels = channelTotals(credited, channelOf).map((t) => ({
        ...t,
        removalEffect: null,
        valueRemovalEffect: null,
      }));
      tokenShares = (tokens) => {
        const names = tokens.map((t) => t.token);
        return sharesOfPath(names.join(PATH_SEPARATOR), names);
      };
      break;
    }
    case 'markov': {
      const result = markovAttribution(paths, { order: model.order, channelOf });
      channels = result.channels.map((c) => ({
        channel: c.channel,
        removalEffect: c.removalEffect,
        valueRemovalEffect: c.valueRemovalEffect,
        conversions: c.conversions,
        revenue: c.revenue,
      }));
      const weight = new Map(
        result.channels.map((c) => [
          c.channel,
          model.measure === 'value' ? c.valueRemovalEffect : c.removalEffect,
        ]),
      );
      tokenShares = (tokens) => channelShares(tokens, channelOf, (c) => weight.get(c) ?? 0);
      break;
    }
    case 'shapley_coalition': {
      checkCoalitionSize(paths, channelOf);
      const conv = coalitionShapley(paths, { measure: 'conversions', channelOf });
      const rev = new Map(
        coalitionShapley(paths, { measure: 'revenue', channelOf }).map((c) => [
          c.channel,
          c.credit,
        ]),
      );
      channels = conv.map((c) => ({
        channel: c.channel,
        removalEffect: null,
        valueRemovalEffect: null,
        conversions: c.credit,
        revenue: rev.get(c.channel) ?? 0,
      }));
      tokenShares = (tokens) => channelShares(tokens, channelOf, () => 1);
      break;
    }
  }

  // Raw paths that transform alike share their token shares: compute them once per key.
  const sharesByKey = new Map<string, number[]>();
  const positionShares = new Map<string, number[]>();
  for (const { raw: row, rawLength, tokens, key } of traced) {
    if (row.conversions === 0) continue;
    let perToken = sharesByKey.get(key);
    if (perToken === undefined) {
      perToken = tokenShares(tokens);
      sharesByKey.set(key, perToken);
    }
    const shares = new Array<number>(rawLength).fill(0);
    for (let i = 0; i < tokens.length; i++) {
      const touches = (tokens[i] as TracedToken).touches;
      const share = (perToken[i] ?? 0) / touches.length;
      for (const p of touches) shares[p] = (shares[p] ?? 0) + share;
    }
    positionShares.set(row.path, shares);
  }
  return { paths, channels, positionShares };
}

/**
 * Per token: its channel's weight over the weights of the path's distinct channels (equal shares
 * when they are all 0), split over that channel's tokens in proportion to their touches, so that
 * every touch of a channel ends up with the same share.
 */
function channelShares(
  tokens: readonly TracedToken[],
  channelOf: (token: string) => string,
  weightOf: (channel: string) => number,
): number[] {
  const touchesOf = new Map<string, number>();
  for (const t of tokens) {
    const c = channelOf(t.token);
    touchesOf.set(c, (touchesOf.get(c) ?? 0) + t.touches.length);
  }
  let total = 0;
  for (const c of touchesOf.keys()) total += weightOf(c);
  const shareOf = (c: string) => (total > 0 ? weightOf(c) / total : 1 / touchesOf.size);
  return tokens.map((t) => {
    const c = channelOf(t.token);
    return (shareOf(c) * t.touches.length) / (touchesOf.get(c) ?? 1);
  });
}

function checkCoalitionSize(paths: readonly PathSummary[], channelOf: (t: string) => string) {
  const players = new Set<string>();
  for (const p of paths)
    if (p.conversions > 0) for (const t of parsePathKey(p.path)) players.add(channelOf(t));
  if (players.size > MAX_COALITION_CHANNELS)
    throwIfProblems([
      attributionProblem(
        'shapley_coalition.channels',
        `exact coalition Shapley takes at most ${MAX_COALITION_CHANNELS} channels on converting paths, and the data has ${players.size}: use shapley_path or markov, or group channels`,
        'channels',
      ),
    ]);
}
