import { describe, expect, it } from 'vitest';
import { clusterMetrics, clusterSizes } from './cluster-metrics.js';
import { scoreClusterPairs, scoreLabelledPairs, scorePredictedPairs } from './pairwise-scores.js';

// Truth: {0,1,2} {3,4} {5}; P = 3 + 1 = 4 true pairs.
const truth = ['a', 'a', 'a', 'b', 'b', 'c'];

describe('pairwise scores', () => {
  it('scores raw predicted pairs, ignoring repeats, order and self-pairs', () => {
    const s = scorePredictedPairs(
      [
        [0, 1],
        [1, 0],
        [2, 2],
        [1, 2],
        [2, 3],
      ],
      truth,
    );
    expect(s).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 2 });
    expect(s.precision).toBeCloseTo(2 / 3, 12);
    expect(s.recall).toBeCloseTo(2 / 4, 12);
    expect(s.f1).toBeCloseTo(4 / 7, 12);
  });

  it('scores every pair implied by clusters without listing them', () => {
    // Predicted {0,1} {2,3,4} {5}: pairs 0-1 (TP), 2-3, 2-4 (FP), 3-4 (TP).
    const s = scoreClusterPairs([0, 0, 1, 1, 1, 2], truth);
    expect(s).toMatchObject({ truePositives: 2, falsePositives: 2, falseNegatives: 2, f1: 0.5 });
    expect(scoreClusterPairs(truth, truth).f1).toBe(1);
  });

  it('scores labelled pairs only', () => {
    const labels = [
      { left: 0, right: 1, isMatch: true },
      { left: 0, right: 3, isMatch: false },
      { left: 3, right: 4, isMatch: true },
    ];
    const s = scoreLabelledPairs(labels, (a, b) => a + b === 1 || a + b === 3);
    expect(s).toMatchObject({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 0,
    });
  });
});

describe('cluster metrics', () => {
  it('gives the size distribution and the largest cluster', () => {
    expect(clusterSizes(truth)).toEqual({
      distribution: [
        { size: 1, clusters: 1 },
        { size: 2, clusters: 1 },
        { size: 3, clusters: 1 },
      ],
      clusters: 3,
      largest: 3,
    });
  });

  it('counts exactly recovered clusters and B-cubed overlap', () => {
    const m = clusterMetrics([0, 0, 1, 1, 1, 2], truth);
    // Only {5} is recovered exactly: 1 of 3 predicted, 1 of 3 true.
    expect(m.exact).toMatchObject({ truePositives: 1, falsePositives: 2, falseNegatives: 2 });
    // B-cubed precision: records 0,1: 1; 2: 1/3; 3,4: 2/3; 5: 1 → 14/3 / 6.
    expect(m.bCubed.precision).toBeCloseTo(14 / 18, 12);
    // B-cubed recall: 0,1: 2/3; 2: 1/3; 3,4: 1; 5: 1 → 14/3 / 6.
    expect(m.bCubed.recall).toBeCloseTo(14 / 18, 12);
    expect(clusterMetrics(truth, truth).exact.f1).toBe(1);
  });
});
