/** Pairwise confusion counts and the rates derived from them. */
export interface PairwiseScores {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  /** TP / (TP + FP); 1 when nothing was predicted (nothing predicted wrongly). */
  readonly precision: number;
  /** TP / (TP + FN); 1 when there was nothing to find. */
  readonly recall: number;
  /** 2TP / (2TP + FP + FN); 1 when there was nothing to find and nothing was predicted. */
  readonly f1: number;
}

/** Precision, recall and F1 from confusion counts, with the conventions above for empty sets. */
export function scoresFromCounts(tp: number, fp: number, fn: number): PairwiseScores {
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    f1: 2 * tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn),
  };
}

const pairsIn = (n: number) => (n * (n - 1)) / 2;

function countBy<T>(items: ArrayLike<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (let i = 0; i < items.length; i++) counts.set(items[i]!, (counts.get(items[i]!) ?? 0) + 1);
  return counts;
}

/**
 * Scores predicted pairs (each record pair once, in either order; repeats are counted once)
 * against true clusters: P = Σ n(n−1)/2 over true clusters, TP = predicted pairs inside one
 * true cluster. `truth[i]` is record i's true cluster.
 */
export function scorePredictedPairs(
  predicted: Iterable<readonly [number, number]>,
  truth: ArrayLike<string | number>,
): PairwiseScores {
  const seen = new Set<string>();
  let tp = 0;
  let fp = 0;
  for (const [a, b] of predicted) {
    if (a === b) continue;
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (truth[a] === truth[b]) tp++;
    else fp++;
  }
  let positives = 0;
  for (const n of countBy(truth).values()) positives += pairsIn(n);
  return scoresFromCounts(tp, fp, positives - tp);
}

/**
 * Scores every pair implied by a clustering (two records in one predicted cluster) against the
 * truth without listing the pairs: TP counts pairs in each (predicted, true) cell of the
 * contingency table, so a 10,000-record cluster costs 10,000 steps, not 50 million.
 */
export function scoreClusterPairs(
  predicted: ArrayLike<string | number>,
  truth: ArrayLike<string | number>,
): PairwiseScores {
  if (predicted.length !== truth.length)
    throw new RangeError('predicted and truth differ in length');
  const cells = new Map<string, number>();
  for (let i = 0; i < predicted.length; i++) {
    const key = `${predicted[i]!}\u0000${truth[i]!}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  let tp = 0;
  for (const n of cells.values()) tp += pairsIn(n);
  let predictedPairs = 0;
  for (const n of countBy(predicted).values()) predictedPairs += pairsIn(n);
  let truePairs = 0;
  for (const n of countBy(truth).values()) truePairs += pairsIn(n);
  return scoresFromCounts(tp, predictedPairs - tp, truePairs - tp);
}

/** A labelled pair: two records and whether a person judged them the same. */
export interface LabelledPair {
  readonly left: number;
  readonly right: number;
  readonly isMatch: boolean;
}

/** Scores a same-person decision on labelled pairs only (labels need not cover all pairs). */
export function scoreLabelledPairs(
  labels: Iterable<LabelledPair>,
  sameEntity: (left: number, right: number) => boolean,
): PairwiseScores & { readonly trueNegatives: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { left, right, isMatch } of labels) {
    const predicted = sameEntity(left, right);
    if (predicted && isMatch) tp++;
    else if (predicted) fp++;
    else if (isMatch) fn++;
    else tn++;
  }
  return { ...scoresFromCounts(tp, fp, fn), trueNegatives: tn };
}
