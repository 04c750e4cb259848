import { PROBABILITY_FLOOR, type FellegiSunterModel } from './fellegi-sunter-model.js';
import { levelWeight, priorWeight, weightToProbability } from './match-weight.js';
import type { RecordComparator } from './record-comparator.js';

/** The evidence one field gave for a pair. Carries no values: explanations end up in logs. */
export interface FieldEvidence {
  readonly field: string;
  readonly level: number;
  readonly label: string;
  /** Bits this field added to the match weight (0 for the null level). */
  readonly weight: number;
  /** True when u was the frequency of the shared value rather than the level's u. */
  readonly termFrequencyAdjusted: boolean;
}

/** Why a pair scored what it did: prior plus each field's partial weight equals weight. */
export interface PairExplanation {
  readonly left: number;
  readonly right: number;
  readonly prior: number;
  readonly weight: number;
  readonly probability: number;
  readonly fields: readonly FieldEvidence[];
}

/** Scores record pairs of one record set under one model. */
export interface PairScorer {
  readonly fieldCount: number;
  /** Match weight of records i and j given their levels at levels[offset ..]. */
  weightOfLevels(i: number, levels: Uint8Array, offset: number): number;
  /** Compares and scores records i and j; `scratch` receives the levels when given. */
  weight(i: number, j: number, scratch?: Uint8Array): number;
  probability(i: number, j: number): number;
  explain(i: number, j: number): PairExplanation;
}

export interface TermFrequencyOptions {
  /** Per field index, the frequency of each value (see termFrequencies); null for none. */
  readonly tables: readonly (ReadonlyMap<string, number> | null)[];
  /** Smallest u a frequency may stand for. Default PROBABILITY_FLOOR. */
  readonly minU?: number;
}

/**
 * Weights are precomputed per level, and per record for term-frequency levels, so scoring a pair
 * is a table lookup per field after the comparison itself.
 */
export function createPairScorer(
  model: FellegiSunterModel,
  comparator: RecordComparator,
  termFrequency?: TermFrequencyOptions,
): PairScorer {
  const F = comparator.fieldCount;
  const prior = priorWeight(model.lambda);
  const minU = termFrequency?.minU ?? PROBABILITY_FLOOR;
  const levelWeights = model.fields.map((f) =>
    f.m.map((m, l) => (l === f.nullLevel ? 0 : levelWeight(m, f.u[l]!))),
  );
  // Exact-match weight of each record's own value; the pair shares it at the exact level.
  const tfWeights = model.fields.map((f, fi) => {
    const table = termFrequency?.tables[fi];
    if (f.termFrequencyLevel < 0 || !table) return null;
    const m = f.m[f.termFrequencyLevel]!;
    return Float64Array.from({ length: comparator.recordCount }, (_, r) => {
      const v = comparator.value(fi, r);
      const freq = v === null ? undefined : table.get(v);
      return freq === undefined
        ? levelWeights[fi]![f.termFrequencyLevel]!
        : levelWeight(m, Math.max(freq, minU));
    });
  });
  const partial = (f: number, level: number, i: number): number => {
    const tf = tfWeights[f];
    if (tf && level === model.fields[f]!.termFrequencyLevel) return tf[i]!;
    return levelWeights[f]![level] ?? 0;
  };
  const buffer = new Uint8Array(F);
  const weightOfLevels = (i: number, levels: Uint8Array, offset: number): number => {
    let w = prior;
    for (let f = 0; f < F; f++) w += partial(f, levels[offset + f]!, i);
    return w;
  };
  const weight = (i: number, j: number, scratch: Uint8Array = buffer): number => {
    comparator.compareInto(i, j, scratch, 0);
    return weightOfLevels(i, scratch, 0);
  };
  return {
    fieldCount: F,
    weightOfLevels,
    weight,
    probability: (i, j) => weightToProbability(weight(i, j)),
    explain(i, j) {
      const levels = new Uint8Array(F);
      const w = weight(i, j, levels);
      const fields = model.fields.map((f, fi) => {
        const level = levels[fi]!;
        return {
          field: f.field,
          level,
          label: f.levels[level] ?? String(level),
          weight: partial(fi, level, i),
          termFrequencyAdjusted: tfWeights[fi] !== null && level === f.termFrequencyLevel,
        };
      });
      return { left: i, right: j, prior, weight: w, probability: weightToProbability(w), fields };
    },
  };
}
