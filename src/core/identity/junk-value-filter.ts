import type { IdentifierType } from '../canonical/source-kinds.js';
import { normalizeIdentifier } from './normalize-identifier.js';

/**
 * Values that identify nobody, compared lower-cased after normalisation: placeholders exporters
 * write for "nothing", and test or example addresses typed into forms. Joining on any of them
 * merges strangers.
 */
export const DEFAULT_JUNK_VALUES: readonly string[] = [
  '',
  'null',
  'nil',
  'undefined',
  'none',
  'nan',
  'n/a',
  'na',
  '-',
  '[object object]',
  'true',
  'false',
  '0',
  '-1',
  'anonymous',
  'unknown',
  'guest',
  'test',
  'test@test.com',
  'test@example.com',
  'user@example.com',
  'email@example.com',
  'example@example.com',
  'noreply@example.com',
  'no-reply@example.com',
  'none@none.com',
  'a@a.com',
  'noemail@noemail.com',
  '1234567',
  '12345678',
  '123456789',
  '1234567890',
  '0123456789',
];

export interface JunkValuePolicy {
  /** Replaces DEFAULT_JUNK_VALUES when given. */
  readonly values?: readonly string[];
  /** Added to the values, for every type. */
  readonly extra?: readonly string[];
  /** Added to the values for one identifier type only. */
  readonly byType?: Readonly<Record<string, readonly string[]>>;
  /** Treat a value of one digit repeated (0000000, +1111111) as junk. Default true. */
  readonly repeatedDigits?: boolean;
}

/** True when a normalised identifier of that type identifies nobody. */
export type JunkValueFilter = (type: string, normalisedValue: string) => boolean;

const REPEATED_DIGIT = /^\+?(\d)\1+$/;

/** A policy with its defaults applied and its values trimmed and lower-cased, as compared. */
export interface ResolvedJunkPolicy {
  readonly values: readonly string[];
  readonly byType: Readonly<Record<string, readonly string[]>>;
  readonly repeatedDigits: boolean;
}

/** The values a policy compares against; the warehouse renders the same test in SQL. */
export function resolveJunkPolicy(policy: JunkValuePolicy = {}): ResolvedJunkPolicy {
  const lower = (values: readonly string[]) => [
    ...new Set(values.map((v) => v.trim().toLowerCase())),
  ];
  return {
    values: lower([...(policy.values ?? DEFAULT_JUNK_VALUES), ...(policy.extra ?? [])]),
    byType: Object.fromEntries(Object.entries(policy.byType ?? {}).map(([t, v]) => [t, lower(v)])),
    repeatedDigits: policy.repeatedDigits ?? true,
  };
}

/** A filter from a policy; matching is case-insensitive and ignores surrounding spaces. */
export function createJunkValueFilter(policy: JunkValuePolicy = {}): JunkValueFilter {
  const resolved = resolveJunkPolicy(policy);
  const all = new Set(resolved.values);
  const byType = new Map(Object.entries(resolved.byType).map(([t, v]) => [t, new Set(v)]));
  const repeated = resolved.repeatedDigits;
  return (type, value) => {
    const v = value.trim().toLowerCase();
    return (
      all.has(v) || (byType.get(type)?.has(v) ?? false) || (repeated && REPEATED_DIGIT.test(v))
    );
  };
}

/**
 * normalizeIdentifier, then the junk filter: null when the value identifies nobody. Kept apart
 * from normalizeIdentifier so that the loader's existing behaviour (and the SQL that mirrors it)
 * changes only where a caller opts in to a policy.
 */
export function normalizeIdentifierStrict(
  type: IdentifierType,
  value: string,
  isJunk: JunkValueFilter = createJunkValueFilter(),
): string | null {
  const normal = normalizeIdentifier(type, value);
  return normal === null || isJunk(type, normal) ? null : normal;
}
