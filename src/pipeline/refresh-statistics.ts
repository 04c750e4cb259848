import type { Engine } from '../engine/engine.js';
import { sql } from '../engine/sql/sql-statement.js';

/**
 * Tells the planner how big the tables a stage just rewrote are, where the dialect says it needs
 * telling (PostgreSQL: a run is one transaction, so autovacuum never sees its rows and later
 * joins would be planned for the old, often empty, tables). A no-op elsewhere.
 */
export async function refreshStatistics(engine: Engine, tables: readonly string[]): Promise<void> {
  if (!engine.dialect.analyzeAfterWrite) return;
  for (const table of tables)
    await engine.execute(sql(`ANALYZE ${engine.dialect.quoteIdentifier(table)}`));
}
