import type { ComparisonVectors } from './estimate-m.js';
import type { PairList } from './pair-list.js';
import type { RecordComparator } from './record-comparator.js';
import { PAIRS_PER_STEP, runSteps, type Steps } from './run-steps.js';

/** The comparison vector of every pair in the list, row-major. */
export function comparePairs(comparator: RecordComparator, pairs: PairList): ComparisonVectors {
  return runSteps(comparePairsSteps(comparator, pairs));
}

/** comparePairs in steps of PAIRS_PER_STEP pairs (run-steps.ts). */
export function* comparePairsSteps(
  comparator: RecordComparator,
  pairs: PairList,
): Steps<ComparisonVectors> {
  const F = comparator.fieldCount;
  const levels = new Uint8Array(pairs.length * F);
  for (let k = 0; k < pairs.length; k++) {
    comparator.compareInto(pairs.left(k), pairs.right(k), levels, k * F);
    if (k % PAIRS_PER_STEP === PAIRS_PER_STEP - 1) yield;
  }
  return { count: pairs.length, fieldCount: F, levels };
}
