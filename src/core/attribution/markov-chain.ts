import type { SparseMatrix } from './gauss-seidel.js';
import { parsePathKey } from './path-key.js';
import type { PathSummary } from './path-summary.js';

/**
 * The absorbing Markov chain of order k estimated from path summaries. Transient states are the
 * start (state 0) and the tuples of the last ≤ k path tokens; the absorbing states are conversion
 * and null. Every journey of a path, converting or not, walks start → its tuples → conversion or
 * null; transition probabilities are the counts leaving a state normalised by all its departures.
 */
export interface MarkovChain {
  readonly order: number;
  /** Channels, sorted; the ids below index this list. */
  readonly channels: readonly string[];
  /** The channel ids a state remembers ([] for the start). */
  readonly stateChannels: readonly (readonly number[])[];
  /** Transient → transient transition probabilities. */
  readonly q: SparseMatrix;
  /** P(state → conversion). */
  readonly toConversion: Float64Array;
  /** Revenue absorbed from a state per departure: P(→ conversion) × mean revenue converted there. */
  readonly valueReward: Float64Array;
  readonly journeys: number;
  readonly conversions: number;
  readonly revenue: number;
}

/**
 * Builds the chain. Paths are read in key order so the result does not depend on input order;
 * the empty path and rows without journeys are skipped. `channelOf` maps a path token to its
 * channel (identity unless tokens carry tags, like the frequency transform's `Direct(2)`).
 */
export function buildMarkovChain(
  paths: readonly PathSummary[],
  order: number,
  channelOf: (token: string) => string = (t) => t,
): MarkovChain {
  const rows = paths
    .filter((p) => p.path !== '' && p.conversions + p.nonConversions > 0)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const tokenRows = rows.map((r) => parsePathKey(r.path));
  const tokens = [...new Set(tokenRows.flat())];
  const channels = [...new Set(tokens.map(channelOf))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const channelId = new Map(channels.map((c, i) => [c, i]));
  const tokenId = new Map(tokens.map((t, i) => [t, i]));
  const tokenChannel = tokens.map((t) => channelId.get(channelOf(t)) ?? 0);

  const stateOf = new Map<string, number>([['', 0]]);
  const stateChannels: number[][] = [[]];
  const next: Map<number, number>[] = [new Map<number, number>()];
  const conv: number[] = [0];
  const nul: number[] = [0];
  const rev: number[] = [0];
  const state = (ids: readonly number[]) => {
    const key = ids.join(',');
    let s = stateOf.get(key);
    if (s === undefined) {
      s = stateChannels.length;
      stateOf.set(key, s);
      stateChannels.push([...new Set(ids.map((id) => tokenChannel[id] ?? 0))]);
      next.push(new Map<number, number>());
      conv.push(0);
      nul.push(0);
      rev.push(0);
    }
    return s;
  };

  let journeys = 0;
  rows.forEach((row, r) => {
    const ids = (tokenRows[r] ?? []).map((t) => tokenId.get(t) ?? 0);
    const weight = row.conversions + row.nonConversions;
    journeys += weight;
    let from = 0;
    for (let i = 0; i < ids.length; i++) {
      const to = state(ids.slice(Math.max(0, i - order + 1), i + 1));
      const out = next[from] as Map<number, number>;
      out.set(to, (out.get(to) ?? 0) + weight);
      from = to;
    }
    conv[from] = (conv[from] ?? 0) + row.conversions;
    nul[from] = (nul[from] ?? 0) + row.nonConversions;
    rev[from] = (rev[from] ?? 0) + row.revenue;
  });

  const n = stateChannels.length;
  const rowStart = new Int32Array(n + 1);
  let edges = 0;
  for (let s = 0; s < n; s++) edges += next[s]?.size ?? 0;
  const col = new Int32Array(edges);
  const val = new Float64Array(edges);
  const toConversion = new Float64Array(n);
  const valueReward = new Float64Array(n);
  let e = 0;
  let conversions = 0;
  let revenue = 0;
  for (let s = 0; s < n; s++) {
    const out = next[s] as Map<number, number>;
    let departures = (conv[s] ?? 0) + (nul[s] ?? 0);
    for (const count of out.values()) departures += count;
    rowStart[s] = e;
    for (const [to, count] of [...out].sort(([a], [b]) => a - b)) {
      col[e] = to;
      val[e++] = count / departures;
    }
    toConversion[s] = departures > 0 ? (conv[s] ?? 0) / departures : 0;
    valueReward[s] = departures > 0 ? (rev[s] ?? 0) / departures : 0;
    conversions += conv[s] ?? 0;
    revenue += rev[s] ?? 0;
  }
  rowStart[n] = e;
  return {
    order,
    channels,
    stateChannels,
    q: { n, rowStart, col, val },
    toConversion,
    valueReward,
    journeys,
    conversions,
    revenue,
  };
}
