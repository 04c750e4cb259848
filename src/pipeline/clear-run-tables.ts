import type { Engine } from '../engine/engine.js';
import { DATA_DRIVEN_TABLES } from '../engine/schema/data-driven-tables.js';
import { DERIVED_TABLES } from '../engine/schema/derived-tables.js';
import { IDENTITY_TABLES } from '../engine/schema/identity-tables.js';
import { sql } from '../engine/sql/sql-statement.js';

// The run history outlives every run.
const KEPT = new Set(['runs']);

/**
 * Empties every table a run derives (inside the run's transaction, so a failure restores them).
 * Landing tables are not among them: they accumulate what was ingested, deduplicated by key.
 */
export async function clearRunTables(engine: Engine): Promise<void> {
  for (const table of [...DERIVED_TABLES, ...IDENTITY_TABLES, ...DATA_DRIVEN_TABLES].map(
    (t) => t.name,
  )) {
    if (!KEPT.has(table))
      await engine.execute(sql(`DELETE FROM ${engine.dialect.quoteIdentifier(table)}`));
  }
}
