import { normaliseLevels } from './fellegi-sunter-model.js';
import type { RecordComparator } from './record-comparator.js';
import { PAIRS_PER_STEP, runSteps, type Steps } from './run-steps.js';
import { seededRandom } from './seeded-random.js';

export interface UEstimateOptions {
  /** Pairs to compare; when the record set has fewer pairs, all are compared. Default 1,000,000. */
  readonly pairs?: number;
  readonly seed?: number;
}

export interface UEstimate {
  /** Per field, per level: P(level | non-match); null levels hold 1. */
  readonly u: number[][];
  readonly pairsCompared: number;
  /** True when every pair was compared rather than a sample. */
  readonly exhaustive: boolean;
}

/**
 * u probabilities from random pairs: two records drawn at random are almost never the same
 * person, so the share of random pairs at each level estimates P(level | non-match). A level
 * never seen gets half a count, so a rare agreement is strong evidence but not infinite.
 */
export function estimateU(comparator: RecordComparator, options: UEstimateOptions = {}): UEstimate {
  return runSteps(estimateUSteps(comparator, options));
}

/** estimateU in steps of PAIRS_PER_STEP pairs (run-steps.ts). */
export function* estimateUSteps(
  comparator: RecordComparator,
  options: UEstimateOptions = {},
): Steps<UEstimate> {
  const n = comparator.recordCount;
  const F = comparator.fieldCount;
  const target = options.pairs ?? 1_000_000;
  const counts = comparator.levelCounts.map((c) => new Float64Array(c));
  const out = new Uint8Array(F);
  let compared = 0;
  let steps = 1;
  const tally = (i: number, j: number) => {
    comparator.compareInto(i, j, out, 0);
    for (let f = 0; f < F; f++) counts[f]![out[f]!]!++;
    compared++;
  };
  const total = (n * (n - 1)) / 2;
  const exhaustive = total <= target;
  if (exhaustive) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) tally(i, j);
      if (compared >= PAIRS_PER_STEP * steps) {
        steps++;
        yield;
      }
    }
  } else {
    const random = seededRandom(options.seed ?? 1);
    while (compared < target) {
      const i = Math.floor(random() * n);
      const j = Math.floor(random() * n);
      if (i !== j) tally(i, j);
      if (compared >= PAIRS_PER_STEP * steps) {
        steps++;
        yield;
      }
    }
  }
  const u = counts.map((c, f) => {
    const nullLevel = comparator.nullLevels[f]!;
    let seen = 0;
    c.forEach((x, l) => {
      if (l !== nullLevel) seen += x;
    });
    if (seen === 0)
      return normaliseLevels(
        Array.from(c, () => 1),
        nullLevel,
      );
    return normaliseLevels(
      Array.from(c, (x) => Math.max(x, 0.5) / seen),
      nullLevel,
      0,
    );
  });
  return { u, pairsCompared: compared, exhaustive };
}
