import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import type { FieldComparison } from './comparison-level.js';
import { createRecordComparator } from './record-comparator.js';

const name: FieldComparison = {
  field: 'name',
  levels: [
    { kind: 'null' },
    { kind: 'exact' },
    { kind: 'swapped', with: 'surname' },
    { kind: 'jaro_winkler', threshold: 0.92 },
    { kind: 'levenshtein', max: 2 },
    { kind: 'else' },
  ],
};
const dob: FieldComparison = {
  field: 'dob',
  levels: [
    { kind: 'null' },
    { kind: 'exact' },
    { kind: 'levenshtein', max: 1 },
    { kind: 'date_within_days', days: 365 },
    { kind: 'else' },
  ],
};

const records = [
  { name: 'martha', surname: 'smith', dob: '1971-06-24' },
  { name: 'marhta', surname: 'smith', dob: '1971-06-25' },
  { name: 'smith', surname: 'martha', dob: '1972-01-01' },
  { name: 'marta', surname: null, dob: '1980-01-01' },
  { name: '  ', surname: 'jones', dob: null },
  { name: 'martha', surname: 'smith', dob: '1971-06-24' },
];

describe('createRecordComparator', () => {
  const cmp = createRecordComparator(records, [name, dob]);
  const levels = (i: number, j: number) => {
    const out = new Uint8Array(2);
    cmp.compareInto(i, j, out, 0);
    return [...out];
  };

  it('gives each field the first level whose test passes', () => {
    expect(levels(0, 5)).toEqual([1, 1]); // exact, exact
    expect(levels(0, 1)).toEqual([3, 2]); // jaro-winkler 0.961; one digit apart
    expect(levels(0, 2)).toEqual([2, 3]); // names swapped; 191 days apart
    expect(levels(0, 3)).toEqual([3, 4]); // MARTHA/MARTA 0.96; nine years apart
  });

  it('takes the null level when either value is missing, blank included', () => {
    expect(levels(0, 4)).toEqual([0, 0]);
    expect(levels(4, 0)).toEqual([0, 0]);
    expect(cmp.value(0, 4)).toBeNull();
  });

  it('describes the layout the trainer needs', () => {
    expect(cmp.levelCounts).toEqual([6, 5]);
    expect(cmp.nullLevels).toEqual([0, 0]);
    expect(cmp.exactLevels).toEqual([1, 1]);
  });

  it('refuses a ladder that cannot be scored, naming every problem', () => {
    const bad: FieldComparison = {
      field: 'city',
      termFrequency: true,
      levels: [{ kind: 'jaro_winkler', threshold: 1.5 }, { kind: 'null' }],
    };
    expect(() => createRecordComparator(records, [bad])).toThrow(UserError);
    expect(() => createRecordComparator(records, [bad])).toThrow(
      /field city: level 0: jaro_winkler threshold must be in.*null level must come first.*last level must be else.*termFrequency needs an exact level/,
    );
    expect(() => createRecordComparator(records, [])).toThrow(/no comparisons/);
  });

  it('gives the same levels whether repeated values are memoised or not', () => {
    // Few distinct values, each repeated: every field is memoised.
    const pick = (xs: readonly string[], n: number) => xs[n % xs.length]!;
    const repeated = Array.from({ length: 400 }, (_v, n) => ({
      name: n % 17 === 0 ? null : pick(['martha', 'marhta', 'marta', 'smith', 'smyth'], n * 7),
      surname: pick(['smith', 'martha', 'jones'], n * 3),
      dob: n % 13 === 0 ? null : pick(['1971-06-24', '1971-06-25', '1972-01-01', '1980-01-01'], n),
    }));
    const plainName = { ...name, levels: name.levels.filter((l) => l.kind !== 'swapped') };
    const memoised = createRecordComparator(repeated, [plainName, dob]);
    // The same records followed by many distinct ones: no field repeats enough to be memoised.
    const filler = Array.from({ length: 4000 }, (_v, n) => ({
      name: `n${n}`,
      surname: `s${n}`,
      dob: `19${String(n % 100).padStart(2, '0')}-01-01x${n}`,
    }));
    const direct = createRecordComparator([...repeated, ...filler], [plainName, dob]);
    const a = new Uint8Array(2);
    const b = new Uint8Array(2);
    const seen = new Set<string>();
    for (let i = 0; i < repeated.length; i += 3) {
      for (let j = 0; j < repeated.length; j += 5) {
        memoised.compareInto(i, j, a, 0);
        direct.compareInto(i, j, b, 0);
        expect([...a], `records ${i} and ${j}`).toEqual([...b]);
        seen.add(a.join());
      }
    }
    // The pairs reach several levels of each field, so agreement is not agreement on one level.
    expect(seen.size).toBeGreaterThan(6);
  });
});

describe('createRecordComparator on hashed values (privacy.hash_pii)', () => {
  // Hashes differing in one hex digit: as text they are one edit and 0.99 Jaro–Winkler apart.
  const h = (last: string) => `sha256:${'ab'.repeat(31)}c${last}`;
  const hashed = [
    { name: h('0'), surname: h('5'), dob: '1971-06-24' },
    { name: h('1'), surname: h('5'), dob: '1971-06-24' },
    { name: h('5'), surname: h('0'), dob: '1971-06-24' },
    { name: h('0'), surname: h('6'), dob: '1971-06-24' },
    { name: 'martha', surname: null, dob: null },
  ];
  const cmp = createRecordComparator(hashed, [name, dob]);
  const levels = (i: number, j: number) => {
    const out = new Uint8Array(2);
    cmp.compareInto(i, j, out, 0);
    return [...out];
  };

  it('takes only the exact, swapped-exact, null and else levels: hashes alike as text are not alike', () => {
    expect(levels(0, 3)[0]).toBe(1); // the same hash: exact
    expect(levels(0, 1)[0]).toBe(5); // one hex digit apart: else, not levenshtein or jaro-winkler
    expect(levels(0, 2)[0]).toBe(2); // the two hashes the other way round: swapped
    expect(levels(1, 4)[0]).toBe(5); // a hash against a clear value: else
    // A field with no hash keeps its fuzzy levels.
    expect(levels(0, 1)[1]).toBe(1);
  });
});
