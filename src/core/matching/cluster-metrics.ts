import { scoresFromCounts, type PairwiseScores } from './pairwise-scores.js';

/** How many clusters have each size, smallest size first. */
export interface ClusterSizes {
  readonly distribution: readonly { readonly size: number; readonly clusters: number }[];
  readonly clusters: number;
  readonly largest: number;
}

/** Size distribution of a clustering given each element's cluster label. */
export function clusterSizes(labels: ArrayLike<string | number>): ClusterSizes {
  const sizes = labels instanceof Int32Array ? denseSizes(labels) : null;
  const sizeOf = sizes ?? new Map<string | number, number>();
  if (!sizes) {
    const map = sizeOf as Map<string | number, number>;
    for (let i = 0; i < labels.length; i++) map.set(labels[i]!, (map.get(labels[i]!) ?? 0) + 1);
  }
  const bySize = new Map<number, number>();
  let largest = 0;
  let clusters = 0;
  for (const n of sizeOf.values()) {
    if (n === 0) continue;
    clusters++;
    bySize.set(n, (bySize.get(n) ?? 0) + 1);
    largest = Math.max(largest, n);
  }
  const distribution = [...bySize]
    .sort((a, b) => a[0] - b[0])
    .map(([size, clusters]) => ({ size, clusters }));
  return { distribution, clusters, largest };
}

// Labels that are indexes 0..n-1 (as stitching and clustering produce) count in an array: a map
// of ten million entries costs seconds.
function denseSizes(labels: Int32Array): Int32Array | null {
  const sizes = new Int32Array(labels.length);
  for (const label of labels) {
    if (label < 0 || label >= labels.length) return null;
    sizes[label]!++;
  }
  return sizes;
}

/** Cluster-level agreement with the truth. */
export interface ClusterMetrics {
  /**
   * Exact clusters: TP = predicted clusters equal to a true cluster; precision over predicted
   * clusters, recall over true clusters.
   */
  readonly exact: PairwiseScores;
  /** B-cubed precision, recall and F1: per-record overlap of its predicted and true cluster. */
  readonly bCubed: { readonly precision: number; readonly recall: number; readonly f1: number };
  readonly predicted: ClusterSizes;
  readonly truth: ClusterSizes;
}

/** Exact-cluster and B-cubed agreement of a clustering with the truth, plus both size profiles. */
export function clusterMetrics(
  predicted: ArrayLike<string | number>,
  truth: ArrayLike<string | number>,
): ClusterMetrics {
  if (predicted.length !== truth.length)
    throw new RangeError('predicted and truth differ in length');
  const n = predicted.length;
  // cells.get(p).get(t): records in predicted cluster p and true cluster t.
  const cells = new Map<string | number, Map<string | number, number>>();
  const trueSize = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    let row = cells.get(predicted[i]!);
    if (!row) cells.set(predicted[i]!, (row = new Map<string | number, number>()));
    row.set(truth[i]!, (row.get(truth[i]!) ?? 0) + 1);
    trueSize.set(truth[i]!, (trueSize.get(truth[i]!) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  let exact = 0;
  for (const row of cells.values()) {
    let size = 0;
    for (const count of row.values()) size += count;
    for (const [t, count] of row) {
      // Each of the `count` records sees an overlap of `count` with both of its clusters.
      precision += (count * count) / size;
      recall += (count * count) / trueSize.get(t)!;
      if (count === size && count === trueSize.get(t)) exact++;
    }
  }
  precision = n === 0 ? 1 : precision / n;
  recall = n === 0 ? 1 : recall / n;
  return {
    exact: scoresFromCounts(exact, cells.size - exact, trueSize.size - exact),
    bCubed: {
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    },
    predicted: clusterSizes(predicted),
    truth: clusterSizes(truth),
  };
}
