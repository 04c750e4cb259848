import { clusterMetrics } from '../../core/matching/cluster-metrics.js';
import { scoreClusterPairs, type PairwiseScores } from '../../core/matching/pairwise-scores.js';

/** How a clustering agrees with labelled truth (what `convrev identity evaluate` prints). */
export interface IdentityEvaluation {
  readonly records: number;
  /** Pairwise over every pair a clustering implies (two records in one cluster). */
  readonly pairwise: PairwiseScores;
  /** Exact clusters: predicted clusters equal to a true one. */
  readonly cluster: PairwiseScores;
  readonly bCubed: { readonly precision: number; readonly recall: number; readonly f1: number };
  readonly predictedClusters: number;
  readonly trueClusters: number;
  readonly largestPredicted: number;
  readonly largestTrue: number;
  /** Notes on the input (records missing from the warehouse, ambiguous labels). */
  readonly notes: readonly string[];
}

/** Scores predicted cluster labels against true ones, record by record. */
export function scoreClustering(
  predicted: readonly (string | number)[],
  truth: readonly (string | number)[],
  notes: readonly string[] = [],
): IdentityEvaluation {
  const metrics = clusterMetrics(predicted, truth);
  return {
    records: predicted.length,
    pairwise: scoreClusterPairs(predicted, truth),
    cluster: metrics.exact,
    bCubed: metrics.bCubed,
    predictedClusters: metrics.predicted.clusters,
    trueClusters: metrics.truth.clusters,
    largestPredicted: metrics.predicted.largest,
    largestTrue: metrics.truth.largest,
    notes,
  };
}

/** One row per measure, for a table, CSV or JSON. */
export function evaluationRows(e: IdentityEvaluation): Record<string, string | number>[] {
  const row = (measure: string, s: { precision: number; recall: number; f1: number }) => ({
    measure,
    precision: round(s.precision),
    recall: round(s.recall),
    f1: round(s.f1),
  });
  return [row('pairwise', e.pairwise), row('cluster (exact)', e.cluster), row('b-cubed', e.bCubed)];
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
