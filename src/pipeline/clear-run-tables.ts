import { SOURCE_KIND_NAMES } from '../core/canonical/source-kinds.js';
import type { Engine } from '../engine/engine.js';
import { DERIVED_TABLES } from '../engine/schema/derived-tables.js';
import { landingTableName } from '../engine/schema/table-spec.js';
import { sql } from '../engine/sql/sql-statement.js';

// The run history outlives every run.
const KEPT = new Set(['runs']);

/** Empties every table a run rewrites (inside the run's transaction, so a failure restores them). */
export async function clearRunTables(engine: Engine): Promise<void> {
  const tables = [...SOURCE_KIND_NAMES.map(landingTableName), ...DERIVED_TABLES.map((t) => t.name)];
  for (const table of tables) {
    if (!KEPT.has(table))
      await engine.execute(sql(`DELETE FROM ${engine.dialect.quoteIdentifier(table)}`));
  }
}
