import { attributionProblem, throwIfProblems } from './attribution-error.js';
import { parsePathKey } from './path-key.js';
import type { PathSummary } from './path-summary.js';

/** Past this many players the 2^n table (and its n·2^n passes) stops being a fine idea. */
export const MAX_SHAPLEY_PLAYERS = 20;

/**
 * Exact Shapley values of an n-player game given as a table of v over all 2^n coalitions (bit i of
 * the index = player i): φ_i = Σ_{S ∌ i} |S|!(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S)). Efficiency holds:
 * Σ φ_i = v(all) − v(∅).
 */
export function shapleyFromTable(players: number, v: Float64Array): Float64Array {
  checkPlayers(players);
  const size = 2 ** players;
  if (v.length !== size)
    throwIfProblems([attributionProblem('shapley.table', `needs ${size} values`, 'v')]);
  // weight[s] = s!(n−s−1)!/n! = 1 / (n · C(n−1, s)), built without factorials that overflow.
  const weight = new Float64Array(Math.max(players, 1));
  let binomial = 1;
  for (let s = 0; s < players; s++) {
    weight[s] = 1 / (players * binomial);
    binomial = (binomial * (players - 1 - s)) / (s + 1);
  }
  const phi = new Float64Array(players);
  for (let mask = 0; mask < size; mask++) {
    const w = weight[popcount(mask)] ?? 0;
    const base = v[mask] ?? 0;
    for (let i = 0; i < players; i++) {
      const bit = 1 << i;
      if ((mask & bit) === 0) phi[i] = (phi[i] ?? 0) + w * ((v[mask | bit] ?? 0) - base);
    }
  }
  return phi;
}

/** Exact Shapley values of a game given as a function of the coalition bitmask. */
export function shapleyValues(players: number, value: (coalition: number) => number): Float64Array {
  checkPlayers(players);
  const table = new Float64Array(2 ** players);
  for (let mask = 0; mask < table.length; mask++) table[mask] = value(mask);
  return shapleyFromTable(players, table);
}

export interface CoalitionShapleyCredit {
  readonly channel: string;
  readonly credit: number;
}

/**
 * Exact Shapley attribution over channel coalitions. The characteristic function: v(S) = the
 * conversions (or revenue) of the paths whose set of channels is a subset of S — what a coalition
 * of channels would have produced on its own. It makes v(all) the total, so credits add up to it
 * (efficiency), non-converting paths carry nothing, and channels that never appear on a
 * converting path are null players credited 0 (they are kept out of the 2^n table).
 *
 * This v is a sum of unanimity games (one per channel set, worth its paths' total), so its Shapley
 * value equals each path's worth split evenly over its distinct channels; the tests hold the
 * coalition computation to that closed form. Another characteristic function (one that uses
 * non-conversions, say) plugs into `shapleyValues` unchanged.
 */
export function coalitionShapley(
  paths: readonly PathSummary[],
  options: {
    readonly measure?: 'conversions' | 'revenue' | undefined;
    readonly channelOf?: ((token: string) => string) | undefined;
  } = {},
): CoalitionShapleyCredit[] {
  const channelOf = options.channelOf ?? ((t: string) => t);
  const worth = (p: PathSummary) => (options.measure === 'revenue' ? p.revenue : p.conversions);
  const sets = paths.map((p) => ({
    channels: new Set(parsePathKey(p.path).map(channelOf)),
    worth: worth(p),
  }));
  const all = [...new Set(sets.flatMap((s) => [...s.channels]))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const players = [
    ...new Set(sets.filter((s) => s.worth !== 0).flatMap((s) => [...s.channels])),
  ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  checkPlayers(players.length);
  const bitOf = new Map(players.map((c, i) => [c, 1 << i]));
  const v = new Float64Array(2 ** players.length);
  // Worth of the paths with exactly each channel set, then summed over subsets (zeta transform).
  for (const s of sets) {
    if (s.worth === 0 || s.channels.size === 0) continue;
    let mask = 0;
    for (const c of s.channels) mask |= bitOf.get(c) ?? 0;
    v[mask] = (v[mask] ?? 0) + s.worth;
  }
  for (let i = 0; i < players.length; i++)
    for (let mask = 0; mask < v.length; mask++)
      if (mask & (1 << i)) v[mask] = (v[mask] ?? 0) + (v[mask ^ (1 << i)] ?? 0);
  const phi = shapleyFromTable(players.length, v);
  const credit = new Map(players.map((c, i) => [c, phi[i] ?? 0]));
  return all.map((channel) => ({ channel, credit: credit.get(channel) ?? 0 }));
}

function checkPlayers(players: number): void {
  if (!(Number.isInteger(players) && players >= 0 && players <= MAX_SHAPLEY_PLAYERS))
    throwIfProblems([
      attributionProblem(
        'shapley.players',
        `exact Shapley takes 0 to ${MAX_SHAPLEY_PLAYERS} channels, not ${players}`,
        'players',
      ),
    ]);
}

function popcount(x: number): number {
  let n = 0;
  for (let y = x; y !== 0; y &= y - 1) n++;
  return n;
}
