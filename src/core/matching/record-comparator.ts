import { isPseudonym } from '../identity/pseudonym.js';
import { UserError, describeProblem } from '../errors.js';
import { checkFieldComparison, type FieldComparison } from './comparison-level.js';
import { daysApart, parsePartialDate, type PartialDate } from './date-proximity.js';
import { jaroWinkler, jaroWinklerAtLeast } from './jaro-winkler.js';
import { levenshtein } from './levenshtein.js';

/** A record to match: field name → value; null, undefined and blank all mean missing. */
export type MatchRecord = Readonly<Record<string, string | null | undefined>>;

/**
 * Compares two records of a fixed set by index, field by field, into comparison levels. Built once
 * per record set so values are extracted (and dates parsed) once, not once per pair.
 */
export interface RecordComparator {
  readonly comparisons: readonly FieldComparison[];
  readonly recordCount: number;
  readonly fieldCount: number;
  /** Levels of each field, the null level included. */
  readonly levelCounts: readonly number[];
  /** Index of each field's null level, or -1. */
  readonly nullLevels: readonly number[];
  /** Index of each field's exact level, or -1. */
  readonly exactLevels: readonly number[];
  /** A record's value of a field (by field index), null when missing. */
  value(field: number, record: number): string | null;
  /** Writes the level of each field for records i and j into out[offset + field]. */
  compareInto(i: number, j: number, out: Uint8Array, offset: number): void;
}

const NULL = 0;
const EXACT = 1;
const JW = 2;
const LEV = 3;
const DATE = 4;
const ELSE = 5;
const SWAP = 6;
const CODES = {
  null: NULL,
  exact: EXACT,
  jaro_winkler: JW,
  levenshtein: LEV,
  date_within_days: DATE,
  else: ELSE,
  swapped: SWAP,
};

type Column = readonly (string | null)[];

interface CompiledField {
  readonly values: Column;
  /** Per level, the other field's column for swapped levels. */
  readonly others: readonly (Column | null)[];
  readonly dates: readonly (PartialDate | null)[] | null;
  readonly codes: Uint8Array;
  readonly params: Float64Array;
  /** Levels already worked out per pair of values, for fields whose values repeat; else null. */
  readonly memo: LevelMemo | null;
  /** Per record, 1 where its value is hashed (privacy.hash_pii); null when none is. */
  readonly hashed: Uint8Array | null;
  /** The loosest Jaro–Winkler threshold and the largest Levenshtein limit of the field's levels. */
  readonly jaroWinklerFloor: number;
  readonly levenshteinLimit: number;
}

/**
 * A field's level is a function of the two values alone (swapped levels aside, which read another
 * field), and names repeat: a million contacts hold a few thousand first names, so most pairs ask
 * for a Jaro–Winkler already computed. Values are numbered once and levels kept by value pair.
 */
interface LevelMemo {
  /** Per record, the number of its value (-1 when missing). */
  readonly ids: Int32Array;
  readonly distinct: number;
  readonly levels: Map<number, number>;
}

// Memoise only fields whose values repeat at least this often on average: a column of mostly
// distinct emails would fill the memo with pairs never asked for again.
const MEMO_MIN_REPEATS = 4;
// Entries per field: about 40 MB each at the cap; past it, levels are computed as without a memo.
const MEMO_MAX_ENTRIES = 1_000_000;

function levelMemo(values: Column, codes: Uint8Array): LevelMemo | null {
  if (codes.includes(SWAP)) return null;
  const numbers = new Map<string, number>();
  const ids = new Int32Array(values.length);
  let present = 0;
  values.forEach((v, i) => {
    if (v === null) {
      ids[i] = -1;
      return;
    }
    present++;
    let id = numbers.get(v);
    if (id === undefined) numbers.set(v, (id = numbers.size));
    ids[i] = id;
  });
  // distinct² must stay an exact integer key.
  if (numbers.size === 0 || present < numbers.size * MEMO_MIN_REPEATS || numbers.size > 2 ** 26)
    return null;
  return { ids, distinct: numbers.size, levels: new Map() };
}

function column(records: readonly MatchRecord[], field: string): Column {
  return records.map((r) => {
    const v = r[field];
    return v === null || v === undefined || v.trim() === '' ? null : v;
  });
}

function compile(records: readonly MatchRecord[], spec: FieldComparison): CompiledField {
  const values = column(records, spec.field);
  const others = spec.levels.map((l) => (l.kind === 'swapped' ? column(records, l.with) : null));
  const codes = Uint8Array.from(spec.levels, (l) => CODES[l.kind]);
  const params = Float64Array.from(spec.levels, (l) =>
    l.kind === 'jaro_winkler'
      ? l.threshold
      : l.kind === 'levenshtein'
        ? l.max
        : l.kind === 'date_within_days'
          ? l.days
          : l.kind === 'swapped'
            ? (l.threshold ?? 1)
            : 0,
  );
  const dates = codes.includes(DATE) ? values.map((v) => parsePartialDate(v)) : null;
  const hashed = Uint8Array.from(values, (v) => (v !== null && isPseudonym(v) ? 1 : 0));
  return {
    values,
    others,
    dates,
    codes,
    params,
    memo: levelMemo(values, codes),
    hashed: hashed.includes(1) ? hashed : null,
    jaroWinklerFloor: loosestJaroWinkler(codes, params),
    levenshteinLimit: maxLevenshtein(codes, params),
  };
}

/**
 * Compiles declarative comparisons against a record set. Throws a UserError naming every problem
 * of the configuration (see checkFieldComparison) rather than comparing with a broken ladder.
 */
export function createRecordComparator(
  records: readonly MatchRecord[],
  comparisons: readonly FieldComparison[],
): RecordComparator {
  const problems = comparisons.flatMap(checkFieldComparison);
  if (comparisons.length === 0)
    problems.push({ code: 'matching.comparison', message: 'no comparisons' });
  if (problems.length > 0) throw new UserError(problems.map(describeProblem).join('; '));
  const fields = comparisons.map((c) => compile(records, c));
  const indexOf = (kind: string) =>
    comparisons.map((c) => c.levels.findIndex((l) => l.kind === kind));

  function levelOf(f: CompiledField, i: number, j: number): number {
    const a = f.values[i] ?? null;
    const b = f.values[j] ?? null;
    // Similarities are computed at most once per pair even when several levels use them.
    let jw = -1;
    let lev = -1;
    const { codes, params } = f;
    // Hashed values (privacy.hash_pii) are equal or not: how alike two hashes look says nothing.
    const fuzzy = f.hashed === null || (f.hashed[i] === 0 && f.hashed[j] === 0);
    for (let l = 0; l < codes.length; l++) {
      const code = codes[l]!;
      if (code === NULL) {
        if (a === null || b === null) return l;
        continue;
      }
      if (code === ELSE) return l;
      if (a === null || b === null) continue;
      switch (code) {
        case EXACT:
          if (a === b) return l;
          break;
        case JW:
          if (!fuzzy) break;
          if (jw < 0) jw = jaroWinklerAtLeast(a, b, f.jaroWinklerFloor);
          if (jw >= params[l]!) return l;
          break;
        case LEV: {
          if (!fuzzy) break;
          // One exact distance capped at the loosest levenshtein level serves every level.
          if (lev < 0) lev = levenshtein(a, b, f.levenshteinLimit);
          if (lev <= params[l]!) return l;
          break;
        }
        case DATE: {
          if (!fuzzy) break;
          const days = daysApart(f.dates![i] ?? null, f.dates![j] ?? null);
          if (days !== null && days <= params[l]!) return l;
          break;
        }
        case SWAP: {
          const other = f.others[l]!;
          const threshold = fuzzy ? params[l]! : 1;
          if (swapped(a, b, other[i] ?? null, other[j] ?? null, threshold)) return l;
          break;
        }
      }
    }
    return codes.length - 1;
  }

  function memoLevelOf(f: CompiledField, i: number, j: number): number {
    const memo = f.memo;
    if (memo === null) return levelOf(f, i, j);
    const a = memo.ids[i]!;
    const b = memo.ids[j]!;
    if (a < 0 || b < 0) return levelOf(f, i, j);
    const key = a * memo.distinct + b;
    let level = memo.levels.get(key);
    if (level === undefined) {
      level = levelOf(f, i, j);
      if (memo.levels.size < MEMO_MAX_ENTRIES) memo.levels.set(key, level);
    }
    return level;
  }

  return {
    comparisons,
    recordCount: records.length,
    fieldCount: fields.length,
    levelCounts: comparisons.map((c) => c.levels.length),
    nullLevels: indexOf('null'),
    exactLevels: indexOf('exact'),
    value: (field, record) => fields[field]?.values[record] ?? null,
    compareInto(i, j, out, offset) {
      for (let f = 0; f < fields.length; f++) out[offset + f] = memoLevelOf(fields[f]!, i, j);
    },
  };
}

/** The lowest Jaro–Winkler threshold among a field's levels: below it no level needs the figure. */
function loosestJaroWinkler(codes: Uint8Array, params: Float64Array): number {
  let min = 1;
  for (let l = 0; l < codes.length; l++) if (codes[l] === JW) min = Math.min(min, params[l]!);
  return min;
}

function maxLevenshtein(codes: Uint8Array, params: Float64Array): number {
  let max = 0;
  for (let l = 0; l < codes.length; l++) if (codes[l] === LEV) max = Math.max(max, params[l]!);
  return max;
}

/** a and b are this field of records i and j; oa and ob the other field of the same records. */
function swapped(
  a: string,
  b: string,
  oa: string | null,
  ob: string | null,
  threshold: number,
): boolean {
  if (oa === null || ob === null) return false;
  if (threshold >= 1) return a === ob && oa === b;
  return jaroWinkler(a, ob) >= threshold && jaroWinkler(oa, b) >= threshold;
}
