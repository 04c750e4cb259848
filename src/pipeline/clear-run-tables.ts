import type { Engine } from '../engine/engine.js';
import { DATA_DRIVEN_TABLES } from '../engine/schema/data-driven-tables.js';
import { DERIVED_TABLES } from '../engine/schema/derived-tables.js';
import { IDENTITY_TABLES } from '../engine/schema/identity-tables.js';
import { IDENTITY_RUN_TABLES } from '../engine/schema/identity-v5-tables.js';
import { sql } from '../engine/sql/sql-statement.js';

// The run history outlives every run; journeys, credits and their fingerprints are kept for the
// attribution stage to recompute only what changed (see attribute-conversions.ts); identifiers
// (rewritten by the identity stage itself) and person_id_history (not listed here) carry person
// ids from one run to the next; with identity_edges and merge_audit they are the graph an
// incremental identity run compares with (see pipeline/identity/plan-identity-run.ts);
// identity_components is a view over identifiers.
const KEPT = new Set([
  'runs',
  'journeys',
  'credits',
  'identifiers',
  'identity_components',
  'identity_edges',
  'merge_audit',
]);

/**
 * Empties every table a run derives (inside the run's transaction, so a failure restores them).
 * Landing tables are not among them: they accumulate what was ingested, deduplicated by key.
 * Nor are journeys and credits: the attribution stage replaces the stale ones itself.
 */
export async function clearRunTables(engine: Engine): Promise<void> {
  for (const table of [
    ...DERIVED_TABLES,
    ...IDENTITY_TABLES,
    ...IDENTITY_RUN_TABLES,
    ...DATA_DRIVEN_TABLES,
  ].map((t) => t.name)) {
    if (!KEPT.has(table))
      await engine.execute(sql(`DELETE FROM ${engine.dialect.quoteIdentifier(table)}`));
  }
}
