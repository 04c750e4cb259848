import { describe, expect, it } from 'vitest';
import type { FieldComparison } from './comparison-level.js';
import type { FellegiSunterModel } from './fellegi-sunter-model.js';
import { probabilityToWeight, weightToProbability } from './match-weight.js';
import { createPairScorer } from './pair-scorer.js';
import { createRecordComparator } from './record-comparator.js';
import { termFrequencies } from './term-frequencies.js';

const ladder = (field: string, termFrequency = false): FieldComparison => ({
  field,
  termFrequency,
  levels: [{ kind: 'null' }, { kind: 'exact' }, { kind: 'else' }],
});

// Two fields, hand-picked parameters: name m/u exact 0.9/0.01, city exact 0.8/0.2, λ = 0.01.
const model: FellegiSunterModel = {
  lambda: 0.01,
  fields: [
    {
      field: 'name',
      levels: ['null', 'exact', 'else'],
      m: [1, 0.9, 0.1],
      u: [1, 0.01, 0.99],
      nullLevel: 0,
      termFrequencyLevel: -1,
    },
    {
      field: 'city',
      levels: ['null', 'exact', 'else'],
      m: [1, 0.8, 0.2],
      u: [1, 0.2, 0.8],
      nullLevel: 0,
      termFrequencyLevel: -1,
    },
  ],
};
const records = [
  { name: 'ann', city: 'leeds' },
  { name: 'ann', city: 'york' },
  { name: 'ann', city: null },
  { name: 'bob', city: 'leeds' },
];
const scorer = createPairScorer(
  model,
  createRecordComparator(records, [ladder('name'), ladder('city')]),
);

describe('Fellegi–Sunter weights by hand', () => {
  it('exact name, different city: log2(1/99) + log2(90) + log2(1/4)', () => {
    const expected = Math.log2(0.01 / 0.99) + Math.log2(0.9 / 0.01) + Math.log2(0.2 / 0.8);
    expect(expected).toBeCloseTo(-2.137504, 5);
    expect(scorer.weight(0, 1)).toBeCloseTo(expected, 12);
    // Posterior odds (1/99)·90·(1/4) = 5/22, so p = 5/27.
    expect(scorer.probability(0, 1)).toBeCloseTo(5 / 27, 12);
  });

  it('a missing city is neutral: prior plus the name only', () => {
    expect(scorer.probability(0, 2)).toBeCloseTo(10 / 21, 12);
    const explained = scorer.explain(0, 2);
    expect(explained.fields.map((f) => [f.field, f.label, f.weight])).toEqual([
      ['name', 'exact', Math.log2(90)],
      ['city', 'null', 0],
    ]);
    expect(explained.prior + explained.fields.reduce((s, f) => s + f.weight, 0)).toBeCloseTo(
      explained.weight,
      12,
    );
  });

  it('converts between weight and probability', () => {
    expect(weightToProbability(0)).toBe(0.5);
    expect(weightToProbability(probabilityToWeight(0.9))).toBeCloseTo(0.9, 12);
    expect(probabilityToWeight(0.2)).toBeCloseTo(-2, 12);
  });
});

describe('term-frequency adjustment', () => {
  // Smith on 8 of 10 records, Zebedee on 2: sharing Zebedee says far more.
  const people = [...Array<string>(8).fill('smith'), 'zebedee', 'zebedee'].map(
    (surname: string) => ({
      surname,
    }),
  );
  const cmp = createRecordComparator(people, [ladder('surname', true)]);
  const tfModel: FellegiSunterModel = {
    lambda: 0.1,
    fields: [
      {
        field: 'surname',
        levels: ['null', 'exact', 'else'],
        m: [1, 0.9, 0.1],
        u: [1, 0.68, 0.32],
        nullLevel: 0,
        termFrequencyLevel: 1,
      },
    ],
  };
  const tables = [termFrequencies(people.map((p) => p.surname))];
  const adjusted = createPairScorer(tfModel, cmp, { tables });
  const plain = createPairScorer(tfModel, cmp);

  it('weighs a rare exact match more than a common one', () => {
    const common = adjusted.explain(0, 1);
    const rare = adjusted.explain(8, 9);
    expect(rare.weight).toBeGreaterThan(common.weight);
    expect(common.fields[0]!.weight).toBeCloseTo(Math.log2(0.9 / 0.8), 12);
    expect(rare.fields[0]!.weight).toBeCloseTo(Math.log2(0.9 / 0.2), 12);
    expect(rare.fields[0]!.termFrequencyAdjusted).toBe(true);
  });

  it('leaves non-exact levels and unadjusted models alone', () => {
    expect(adjusted.weight(0, 8)).toBeCloseTo(plain.weight(0, 8), 12);
    expect(plain.weight(0, 1)).toBeCloseTo(plain.weight(8, 9), 12);
    expect(plain.explain(8, 9).fields[0]!.termFrequencyAdjusted).toBe(false);
  });
});
