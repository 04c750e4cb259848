import { rate } from './quality-result.js';

/** A labelled pair of identifiers: they are (match) or are not (non_match) one person. */
export interface LabelledPair {
  readonly leftType: string;
  readonly leftValue: string;
  readonly rightType: string;
  readonly rightValue: string;
  readonly label: 'match' | 'non_match';
}

export interface LinkageErrors {
  /** Non-matching pairs with both sides known to the identity graph. */
  readonly nonMatches: number;
  /** Of those, pairs the graph put into one person. */
  readonly falsePositives: number;
  readonly falsePositiveRate: number | null;
  readonly matches: number;
  /** Matching pairs (both sides known) the graph kept apart. */
  readonly falseNegatives: number;
  readonly falseNegativeRate: number | null;
  /** Pairs with a side the graph does not know: they say nothing about linkage. */
  readonly unknown: number;
}

/**
 * Linkage errors on a labelled sample, given each identifier's person (`personOf` returns
 * undefined for an identifier the graph does not hold).
 */
export function linkageErrors(
  pairs: readonly LabelledPair[],
  personOf: (type: string, value: string) => string | undefined,
): LinkageErrors {
  let [nonMatches, falsePositives, matches, falseNegatives, unknown] = [0, 0, 0, 0, 0];
  for (const p of pairs) {
    const left = personOf(p.leftType, p.leftValue);
    const right = personOf(p.rightType, p.rightValue);
    if (left === undefined || right === undefined) {
      unknown++;
      continue;
    }
    if (p.label === 'non_match') {
      nonMatches++;
      if (left === right) falsePositives++;
    } else {
      matches++;
      if (left !== right) falseNegatives++;
    }
  }
  return {
    nonMatches,
    falsePositives,
    falsePositiveRate: rate(falsePositives, nonMatches),
    matches,
    falseNegatives,
    falseNegativeRate: rate(falseNegatives, matches),
    unknown,
  };
}
