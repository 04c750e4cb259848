import type { ColumnSpec, TableSpec } from './table-spec.js';

const t = (name: string, columns: Record<string, ColumnSpec['type']>): TableSpec => ({
  name,
  columns: Object.entries(columns).map(([column, type]) => ({ name: column, type })),
});

/** Columns migration 5 adds to identity_edges: the evidence of a `probabilistic` edge. */
export const EDGE_MATCH_COLUMNS: readonly ColumnSpec[] = [
  /** Fellegi–Sunter match probability (null for deterministic edges). */
  { name: 'match_probability', type: 'double' },
  /** Match weight in bits: log2 of the odds. */
  { name: 'match_weight', type: 'double' },
  /** The comparison level of each field that decided it, e.g. `email=levenshtein<=2; phone=exact`. */
  { name: 'match_levels', type: 'text' },
];

/** Rewritten by every run, like the other identity report tables. */
export const IDENTITY_RUN_TABLES: readonly TableSpec[] = [
  /**
   * Match rates of the run, one row per rate (see engine/CONTEXT.md): conversation participants
   * on a known CRM contact, orders on a person, conversions with at least one touch.
   */
  t('identity_match_rates', {
    rate: 'text',
    matched: 'integer',
    total: 'integer',
    share: 'double',
  }),
];

/** Kept across runs: what makes person ids stable (see pipeline/identity/assign-person-ids.ts). */
export const PERSON_ID_TABLES: readonly TableSpec[] = [
  /** Last run's person of every identifier (dropped by migration 10: identifiers is kept instead). */
  t('person_id_map', { identifier_type: 'text', identifier_value: 'text', person_id: 'text' }),
  /**
   * Every person id ever issued: the run generation that first issued it (smaller is older; a
   * merge keeps the oldest), and, once retired, why (merged, gone) and into which id.
   */
  t('person_id_history', {
    person_id: 'text',
    first_seen: 'integer',
    retired: 'text',
    merged_into: 'text',
  }),
];
