import { UserError } from '../errors.js';
import { candidatePairs, type BlockingRule, type BlockingRuleStats } from './candidate-pairs.js';
import { comparePairsSteps } from './compare-pairs.js';
import { describeLevel, type FieldComparison } from './comparison-level.js';
import { estimateM, type EmOptions, type EmResult } from './estimate-m.js';
import { estimateUSteps, type UEstimate } from './estimate-u.js';
import type { FellegiSunterModel } from './fellegi-sunter-model.js';
import { clusterWithGuards, type Clustering, type ScoredEdge } from './guarded-clustering.js';
import { weightToProbability } from './match-weight.js';
import type { PairList } from './pair-list.js';
import { createPairScorer, type PairExplanation, type PairScorer } from './pair-scorer.js';
import { estimatePopulationPrior, type PopulationPrior } from './population-prior.js';
import { createRecordComparator, type MatchRecord } from './record-comparator.js';
import { PAIRS_PER_STEP, runSteps, type Steps } from './run-steps.js';
import { termFrequencies } from './term-frequencies.js';

export interface MatchConfig<R extends MatchRecord> {
  readonly comparisons: readonly FieldComparison[];
  readonly blocking: readonly BlockingRule<R>[];
  /** Pairs at or above this match probability become links. */
  readonly threshold: number;
  /** Records scoring below this directly never end up in one cluster. */
  readonly cannotLinkBelow: number;
  /** Fields no cluster may hold two values of, unless those records score `allowAbove`. */
  readonly uniqueFields?: readonly { readonly field: string; readonly allowAbove: number }[];
  readonly maxBlockSize?: number;
  /** Most candidate pairs blocking may propose (see candidatePairs). */
  readonly maxPairs?: number;
  readonly maxClusterSize?: number;
  /** Random pairs for u, and their seed. */
  readonly uPairs?: number;
  readonly seed?: number;
  readonly em?: EmOptions;
  /** Told as each phase starts, so a caller can time or report progress; core keeps no clock. */
  readonly onPhase?: (phase: MatchPhase) => void;
}

/** Phases of matchRecords, in order. */
export type MatchPhase = 'blocking' | 'comparing' | 'u' | 'em' | 'scoring' | 'clustering';

/** A link that was accepted into a cluster, with the evidence that decided it. */
export type AcceptedMatch = PairExplanation;

export interface MatchRun {
  readonly model: FellegiSunterModel;
  readonly u: UEstimate;
  readonly em: EmResult;
  readonly prior: PopulationPrior;
  readonly blocking: readonly BlockingRuleStats[];
  readonly candidates: PairList;
  /** Match weight of each candidate pair, in the order of `candidates`. */
  readonly weights: Float64Array;
  /** Candidate pairs at or above the threshold (before the clustering guard). */
  readonly rawMatches: readonly ScoredEdge[];
  /** Links the clustering kept, explained. */
  readonly matches: readonly AcceptedMatch[];
  readonly clustering: Clustering;
  readonly scorer: PairScorer;
}

/**
 * Fellegi–Sunter matching end to end, as one pure function of the records and the config:
 * block; estimate u from random pairs; fit m by EM over the candidates, one session per blocking
 * rule with the fields it conditions on left out; take the prior over all pairs from the fitted
 * model (estimatePopulationPrior); score with term-frequency adjustment; cluster the links at or
 * above the threshold under the guard. The match weight of a pair is
 * log2(λ / (1 − λ)) + Σ log2(m / u), so any two records, candidates or not, score on one scale.
 */
export function matchRecords<R extends MatchRecord>(
  records: readonly R[],
  config: MatchConfig<R>,
): MatchRun {
  return runSteps(matchRecordsSteps(records, config));
}

/**
 * matchRecords in steps (run-steps.ts): pausing between phases and every PAIRS_PER_STEP pairs
 * compared or scored, so a server can answer requests while it matches.
 */
export function* matchRecordsSteps<R extends MatchRecord>(
  records: readonly R[],
  config: MatchConfig<R>,
): Steps<MatchRun> {
  const phase = config.onPhase ?? (() => undefined);
  const comparator = createRecordComparator(records, config.comparisons);
  phase('blocking');
  const blocked = candidatePairs(records, config.blocking, {
    ...(config.maxBlockSize === undefined ? {} : { maxBlockSize: config.maxBlockSize }),
    ...(config.maxPairs === undefined ? {} : { maxPairs: config.maxPairs }),
  });
  phase('comparing');
  const vectors = yield* comparePairsSteps(comparator, blocked.pairs);
  phase('u');
  yield;
  const u = yield* estimateUSteps(comparator, {
    ...(config.uPairs === undefined ? {} : { pairs: config.uPairs }),
    seed: config.seed ?? 1,
  });
  const fieldIndex = new Map(config.comparisons.map((c, f) => [c.field, f]));
  const unknown = config.blocking.flatMap((rule) =>
    (rule.fields ?? [])
      .filter((name) => !fieldIndex.has(name))
      .map((name) => `${rule.name}: ${name}`),
  );
  if (unknown.length > 0)
    throw new UserError(`blocking rules name fields that are not compared (${unknown.join(', ')})`);
  yield;
  phase('em');
  const em = estimateM(vectors, u.u, comparator, {
    ...config.em,
    sessions: {
      membership: blocked.rulesOf,
      excludedFields: config.blocking.map((rule) =>
        (rule.fields ?? []).map((name) => fieldIndex.get(name)!),
      ),
    },
  });
  const n = records.length;
  const prior = estimatePopulationPrior(vectors, em.m, u.u, comparator, (n * (n - 1)) / 2);
  const model: FellegiSunterModel = {
    lambda: prior.lambda,
    fields: config.comparisons.map((c, f) => ({
      field: c.field,
      levels: c.levels.map(describeLevel),
      m: em.m[f]!,
      u: u.u[f]!,
      nullLevel: comparator.nullLevels[f]!,
      termFrequencyLevel: c.termFrequency ? comparator.exactLevels[f]! : -1,
    })),
  };
  yield;
  phase('scoring');
  const tables = config.comparisons.map((c, f) =>
    c.termFrequency
      ? termFrequencies(Array.from({ length: records.length }, (_, r) => comparator.value(f, r)))
      : null,
  );
  const scorer = createPairScorer(model, comparator, { tables });
  const F = comparator.fieldCount;
  const weights = new Float64Array(vectors.count);
  const rawMatches: ScoredEdge[] = [];
  for (let k = 0; k < vectors.count; k++) {
    const left = blocked.pairs.left(k);
    const w = scorer.weightOfLevels(left, vectors.levels, k * F);
    weights[k] = w;
    const probability = weightToProbability(w);
    if (probability >= config.threshold)
      rawMatches.push({ left, right: blocked.pairs.right(k), probability });
    if (k % PAIRS_PER_STEP === PAIRS_PER_STEP - 1) yield;
  }
  const uniqueKeys = (config.uniqueFields ?? []).map((unique) => ({
    name: unique.field,
    allowAbove: unique.allowAbove,
    valueOf: (r: number) => {
      const f = fieldIndex.get(unique.field);
      if (f !== undefined) return comparator.value(f, r);
      const v = records[r]?.[unique.field];
      return v === null || v === undefined || v.trim() === '' ? null : v;
    },
  }));
  yield;
  phase('clustering');
  const clustering = clusterWithGuards(
    records.length,
    rawMatches,
    (a, b) => scorer.probability(a, b),
    {
      threshold: config.threshold,
      cannotLinkBelow: config.cannotLinkBelow,
      uniqueKeys,
      ...(config.maxClusterSize === undefined ? {} : { maxClusterSize: config.maxClusterSize }),
    },
  );
  const matches = clustering.accepted.map((e) => scorer.explain(e.left, e.right));
  return {
    model,
    u,
    em,
    prior,
    blocking: blocked.stats,
    candidates: blocked.pairs,
    weights,
    rawMatches,
    matches,
    clustering,
    scorer,
  };
}
