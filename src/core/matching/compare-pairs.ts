import type { ComparisonVectors } from './estimate-m.js';
import type { PairList } from './pair-list.js';
import type { RecordComparator } from './record-comparator.js';

/** The comparison vector of every pair in the list, row-major. */
export function comparePairs(comparator: RecordComparator, pairs: PairList): ComparisonVectors {
  const F = comparator.fieldCount;
  const levels = new Uint8Array(pairs.length * F);
  for (let k = 0; k < pairs.length; k++)
    comparator.compareInto(pairs.left(k), pairs.right(k), levels, k * F);
  return { count: pairs.length, fieldCount: F, levels };
}
