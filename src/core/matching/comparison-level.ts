import type { Problem } from '../errors.js';

/**
 * One rung of a field's comparison ladder. A pair of values takes the first level whose test
 * passes, so levels go from strictest to loosest.
 */
export type ComparisonLevel =
  /** Either value is missing: neutral evidence, weight 0. Must come first. */
  | { readonly kind: 'null' }
  | { readonly kind: 'exact' }
  | { readonly kind: 'jaro_winkler'; readonly threshold: number }
  | { readonly kind: 'levenshtein'; readonly max: number }
  | { readonly kind: 'date_within_days'; readonly days: number }
  /**
   * The two records hold this field and `with` the other way round (a first name typed as the
   * surname and the surname as the first name), each side at least `threshold` Jaro–Winkler
   * similar (default 1: exact). Put it on one of the two fields only, or the swap counts twice.
   */
  | { readonly kind: 'swapped'; readonly with: string; readonly threshold?: number }
  /** Everything not caught above. Must come last. */
  | { readonly kind: 'else' };

/** How one field of two records is compared. */
export interface FieldComparison {
  readonly field: string;
  readonly levels: readonly ComparisonLevel[];
  /**
   * Weigh an exact match by how rare the value is (a shared rare surname says more than a shared
   * "Smith"). Only the exact level is adjusted.
   */
  readonly termFrequency?: boolean;
}

/** A short label of a level for explanations and audit rows, e.g. `jaro_winkler>=0.92`. */
export function describeLevel(level: ComparisonLevel): string {
  switch (level.kind) {
    case 'jaro_winkler':
      return `jaro_winkler>=${level.threshold}`;
    case 'levenshtein':
      return `levenshtein<=${level.max}`;
    case 'date_within_days':
      return `within ${level.days} days`;
    case 'swapped':
      return level.threshold === undefined || level.threshold >= 1
        ? `swapped with ${level.with}`
        : `swapped with ${level.with} jaro_winkler>=${level.threshold}`;
    default:
      return level.kind;
  }
}

/** Everything wrong with a comparison, as values; empty when it can be compiled. */
export function checkFieldComparison(spec: FieldComparison): Problem[] {
  const problems: Problem[] = [];
  const at = (message: string, code = 'matching.comparison') =>
    problems.push({ code, message, location: { field: spec.field } });
  const { levels } = spec;
  if (levels.length > 255) at('at most 255 levels');
  levels.forEach((level, i) => {
    if (level.kind === 'null' && i !== 0) at(`level ${i}: the null level must come first`);
    if (level.kind === 'else' && i !== levels.length - 1) at(`level ${i}: else must come last`);
    if (level.kind === 'jaro_winkler' && !(level.threshold > 0 && level.threshold <= 1))
      at(`level ${i}: jaro_winkler threshold must be in (0, 1]`);
    if (level.kind === 'levenshtein' && !(Number.isInteger(level.max) && level.max >= 0))
      at(`level ${i}: levenshtein max must be a whole number >= 0`);
    if (level.kind === 'date_within_days' && !(level.days >= 0))
      at(`level ${i}: date_within_days days must be >= 0`);
    if (level.kind === 'swapped' && level.with === spec.field)
      at(`level ${i}: swapped needs another field`);
    if (
      level.kind === 'swapped' &&
      level.threshold !== undefined &&
      !(level.threshold > 0 && level.threshold <= 1)
    )
      at(`level ${i}: swapped threshold must be in (0, 1]`);
  });
  if (levels[levels.length - 1]?.kind !== 'else') at('the last level must be else');
  const scored = levels.filter((l) => l.kind !== 'null').length;
  if (scored < 2) at('needs at least two levels besides null, or it carries no evidence');
  if (spec.termFrequency && !levels.some((l) => l.kind === 'exact'))
    at('termFrequency needs an exact level to adjust');
  return problems;
}
