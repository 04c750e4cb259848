import { solveDenseInPlace } from './dense-solve.js';
import { gaussSeidel } from './gauss-seidel.js';
import type { MarkovChain } from './markov-chain.js';

export type AbsorptionSolver = 'direct' | 'iterative';

/** From the start: the probability of conversion and the expected revenue per journey. */
export interface Absorption {
  readonly conversion: number;
  readonly value: number;
}

/**
 * Absorption of a chain from its start, optionally with one channel removed: every state that
 * remembers the channel becomes part of null, so transitions into it are lost journeys. Solves
 * (I − Q)·x = b over the remaining transient states for b = P(→ conversion) and for b = the value
 * reward, both at once.
 */
export function chainAbsorption(
  chain: MarkovChain,
  solver: AbsorptionSolver,
  removedChannel = -1,
  tolerance?: number,
): Absorption {
  const { n, rowStart, col, val } = chain.q;
  const active = new Uint8Array(n);
  for (let s = 0; s < n; s++)
    active[s] = chain.stateChannels[s]?.includes(removedChannel) === true ? 0 : 1;

  if (solver === 'iterative') {
    const { solutions } = gaussSeidel(chain.q, [chain.toConversion, chain.valueReward], {
      active,
      tolerance,
    });
    return { conversion: solutions[0]?.[0] ?? 0, value: solutions[1]?.[0] ?? 0 };
  }

  const index = new Int32Array(n).fill(-1);
  let m = 0;
  for (let s = 0; s < n; s++) if (active[s] === 1) index[s] = m++;
  const a = new Float64Array(m * m);
  const conversion = new Float64Array(m);
  const value = new Float64Array(m);
  for (let s = 0; s < n; s++) {
    const i = index[s] ?? -1;
    if (i < 0) continue;
    a[i * m + i] = 1;
    for (let e = rowStart[s] ?? 0, end = rowStart[s + 1] ?? 0; e < end; e++) {
      const j = index[col[e] ?? 0] ?? -1;
      if (j >= 0) a[i * m + j] = (a[i * m + j] ?? 0) - (val[e] ?? 0);
    }
    conversion[i] = chain.toConversion[s] ?? 0;
    value[i] = chain.valueReward[s] ?? 0;
  }
  solveDenseInPlace(a, m, [conversion, value]);
  // The start remembers no channel, so it is always state 0 of the reduced system too.
  return { conversion: conversion[0] ?? 0, value: value[0] ?? 0 };
}
