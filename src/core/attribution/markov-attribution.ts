import { attributionProblem, throwIfProblems } from './attribution-error.js';
import { chainAbsorption, type AbsorptionSolver } from './chain-absorption.js';
import { buildMarkovChain } from './markov-chain.js';
import type { PathSummary } from './path-summary.js';

/** Above this the dense matrix alone (states² doubles, 32 MB at 2000) is not worth holding. */
const MAX_DIRECT_STATES = 2000;

export interface MarkovOptions {
  /** Order k ≥ 1: a state is the tuple of the last k channels. Default 1. */
  readonly order?: number | undefined;
  /**
   * 'direct' (Gaussian elimination), 'iterative' (Gauss–Seidel) or 'auto' (default): direct while
   * its worst-case work — (channels + 1) solves of states³/3 multiply-adds — stays within
   * `directWorkLimit` and the states within 2000, iterative beyond.
   */
  readonly solver?: AbsorptionSolver | 'auto' | undefined;
  /** Default 3e9 multiply-adds, about 2 s of elimination on one core of a current machine. */
  readonly directWorkLimit?: number | undefined;
  /** Gauss–Seidel error bound relative to the largest unknown; default 1e-14. */
  readonly tolerance?: number | undefined;
  /** Path token → channel (e.g. `frequencyTokenChannel`); identity by default. */
  readonly channelOf?: ((token: string) => string) | undefined;
}

export interface MarkovChannelCredit {
  readonly channel: string;
  /** 1 − P(conversion without the channel) / P(conversion). */
  readonly removalEffect: number;
  /** Removal effects normalised, times total conversions. */
  readonly conversions: number;
  /** 1 − E(revenue without the channel) / E(revenue). */
  readonly valueRemovalEffect: number;
  /** Value removal effects normalised, times total revenue. */
  readonly revenue: number;
}

export interface MarkovResult {
  readonly order: number;
  readonly states: number;
  readonly solver: AbsorptionSolver;
  /** P(conversion) from the start; equals conversions / journeys for the estimated chain. */
  readonly conversionProbability: number;
  /** Expected revenue per journey; equals revenue / journeys for the estimated chain. */
  readonly valuePerJourney: number;
  readonly journeys: number;
  readonly totalConversions: number;
  readonly totalRevenue: number;
  /** Sorted by channel name. */
  readonly channels: readonly MarkovChannelCredit[];
}

/**
 * Markov-chain removal-effect attribution of order k over path summaries (converting and
 * non-converting), computed exactly on the absorbing chain — no simulation.
 *
 * Value: the chain's transitions are counted over all journeys; each state's conversion exit
 * carries the mean revenue of the conversions that left from it, so the value of the start is the
 * expected revenue per journey, and the value removal effect is how much of it is lost without the
 * channel. With equal revenue per conversion the two removal effects coincide.
 */
export function markovAttribution(
  paths: readonly PathSummary[],
  options: MarkovOptions = {},
): MarkovResult {
  const order = options.order ?? 1;
  if (!(Number.isInteger(order) && order >= 1))
    throwIfProblems([attributionProblem('markov.order', 'must be a whole number ≥ 1', 'order')]);
  const chain = buildMarkovChain(paths, order, options.channelOf);
  const n = chain.q.n;
  const work = ((chain.channels.length + 1) * n ** 3) / 3;
  const solver =
    options.solver === undefined || options.solver === 'auto'
      ? n <= MAX_DIRECT_STATES && work <= (options.directWorkLimit ?? 3e9)
        ? 'direct'
        : 'iterative'
      : options.solver;
  const absorb = (removed: number) => chainAbsorption(chain, solver, removed, options.tolerance);

  const full = absorb(-1);
  // Removing a channel can only lose journeys, so an effect below 0 is rounding: clamp it.
  const effects = chain.channels.map((_c, id) => {
    const without = absorb(id);
    return {
      conversion: full.conversion > 0 ? Math.max(0, 1 - without.conversion / full.conversion) : 0,
      value: full.value > 0 ? Math.max(0, 1 - without.value / full.value) : 0,
    };
  });
  const sumConversion = effects.reduce((s, e) => s + e.conversion, 0);
  const sumValue = effects.reduce((s, e) => s + e.value, 0);
  return {
    order,
    states: chain.q.n,
    solver,
    conversionProbability: full.conversion,
    valuePerJourney: full.value,
    journeys: chain.journeys,
    totalConversions: chain.conversions,
    totalRevenue: chain.revenue,
    channels: chain.channels.map((channel, id) => {
      const e = effects[id] ?? { conversion: 0, value: 0 };
      return {
        channel,
        removalEffect: e.conversion,
        conversions: sumConversion > 0 ? (e.conversion / sumConversion) * chain.conversions : 0,
        valueRemovalEffect: e.value,
        revenue: sumValue > 0 ? (e.value / sumValue) * chain.revenue : 0,
      };
    }),
  };
}
