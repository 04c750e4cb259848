import type { Dialect } from '../dialect.js';
import type { ColumnSpec, TableSpec } from './table-spec.js';

const t = (name: string, columns: Record<string, ColumnSpec['type']>): TableSpec => ({
  name,
  columns: Object.entries(columns).map(([column, type]) => ({ name: column, type })),
});

/** A deterministic edge as identity_edges holds it (its rule aside): the pair and provenance. */
const DETERMINISTIC_EDGE: Record<string, ColumnSpec['type']> = {
  left_type: 'text',
  left_value: 'text',
  right_type: 'text',
  right_value: 'text',
  source: 'text',
  source_record: 'text',
};

/**
 * Incremental stitching (migration 10). identifiers, identity_edges and merge_audit are kept from
 * one run to the next; a run compares the deterministic edges it finds with the stored ones and
 * re-stitches only the persons they touch (pipeline/identity/plan-identity-run.ts).
 */
export const INCREMENTAL_IDENTITY_TABLES: readonly TableSpec[] = [
  /** The run's deterministic edges, before they replace the stored ones. */
  t('identity_run_edges', DETERMINISTIC_EDGE),
  /**
   * How the run's edges differ from the stored ones: new, or showing their pair with other
   * provenance (with the run's provenance: `moved`), or `removed` (no record shows them any
   * more).
   */
  t('identity_changed_edges', { ...DETERMINISTIC_EDGE, moved: 'boolean', removed: 'boolean' }),
  /**
   * How the run's identifiers differ from last run's: new (with their junk flag: junk never
   * joins identifiers, so every junk value is here), or `removed` (no record shows them).
   */
  t('identity_changed_ids', {
    identifier_type: 'text',
    identifier_value: 'text',
    junk: 'boolean',
    removed: 'boolean',
  }),
  /** The last run's persons an incremental run re-stitches. */
  t('identity_touched_persons', { person_id: 'text' }),
  /** Devices the guards found shared (kept across runs, like identifiers). */
  t('identity_shared_devices', { identifier_type: 'text', identifier_value: 'text' }),
];

/** identity_state's new column: the digest of what probabilistic matching reads. */
export const PROFILES_DIGEST_COLUMN: ColumnSpec = { name: 'profiles_digest', type: 'text' };

/**
 * identity_components as a view over identifiers: a person's representative is its smallest
 * identifier key (type, U+0001, value) in byte order. Writing it as a table cost as much as
 * writing identifiers again (9 s of 44 at 10M edges) for a column nothing in convrev reads; the
 * view keeps it for users' SQL.
 */
export function identityComponentsViewSql(d: Dialect): string {
  const key = d.byteOrder('identifier_type || chr(1) || identifier_value');
  return `CREATE VIEW ${d.quoteIdentifier('identity_components')} AS
SELECT identifier_type, identifier_value, MIN(${key}) OVER (PARTITION BY person_id) AS representative
FROM ${d.quoteIdentifier('identifiers')}`;
}
