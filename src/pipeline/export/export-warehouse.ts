import { EngineError, UserError } from '../../core/errors.js';
import type { Engine } from '../../engine/engine.js';
import { migrate, schemaVersion } from '../../engine/schema/migrate.js';
import { MIGRATIONS_TABLE } from '../../engine/schema/migrations-table.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { tableRows } from './table-rows.js';
import { warehouseCatalog, type CatalogTable } from './warehouse-catalog.js';

/** One table copied, and how many rows it holds on both sides. */
export interface TableCopy {
  readonly table: string;
  readonly rows: number;
}

export interface ExportResult {
  readonly copied: readonly TableCopy[];
  /** Tables of the source that are not convrev's (the target schema has no such table). */
  readonly skipped: readonly string[];
}

export interface ExportOptions {
  /** Overwrite a target that already holds a warehouse; without it such a target is refused. */
  readonly replace?: boolean;
  /** Called as each table has been copied. */
  readonly onTable?: (copy: TableCopy) => void;
}

async function count(engine: Engine, table: string): Promise<number> {
  const [row] = await engine.query(
    sql(`SELECT COUNT(*) AS n FROM ${engine.dialect.quoteIdentifier(table)}`),
  );
  return Number(row?.n ?? 0);
}

async function assertEmpty(target: Engine, tables: readonly CatalogTable[]): Promise<void> {
  let held = 0;
  for (const t of tables) if (t.name !== MIGRATIONS_TABLE.name) held += await count(target, t.name);
  if (held > 0)
    throw new UserError(
      `the target already holds a warehouse (${held} rows): give --replace to overwrite it`,
    );
}

/**
 * Copies every table of one warehouse into another (the embedded DuckDB file into a
 * PostgreSQL schema, for a team graduating to a server). The target is migrated first (and
 * refused if a newer convrev has migrated it further); then each table is streamed out of the
 * source in chunks and bulk-loaded into the target in the target's column order, all in one
 * target transaction, so a failed export leaves the target as it was. Row counts are checked.
 */
export async function exportWarehouse(
  source: Engine,
  target: Engine,
  options: ExportOptions = {},
): Promise<ExportResult> {
  await migrate(target);
  const [from, to] = [await schemaVersion(source), await schemaVersion(target)];
  if (from !== to) {
    throw new EngineError(
      `the source warehouse is at schema version ${from} and the target at ${to}: open the source with this convrev first to migrate it`,
      '',
    );
  }
  const targetTables = new Map((await warehouseCatalog(target)).map((t) => [t.name, t]));
  const sourceTables = await warehouseCatalog(source);
  const tables = sourceTables.flatMap((t) => targetTables.get(t.name) ?? []);
  if (!options.replace) await assertEmpty(target, tables);
  const copied: TableCopy[] = [];
  await target.transaction(async () => {
    for (const table of tables) {
      const columns = table.columns.map((c) => c.name);
      await target.execute(sql(`DELETE FROM ${target.dialect.quoteIdentifier(table.name)}`));
      const rows = await target.append(table.name, tableRows(source, table.name, columns));
      const expected = await count(source, table.name);
      if (rows !== expected)
        throw new EngineError(
          `export of ${table.name}: ${rows} rows copied, the source holds ${expected}`,
          '',
        );
      if (target.dialect.analyzeAfterWrite)
        await target.execute(sql(`ANALYZE ${target.dialect.quoteIdentifier(table.name)}`));
      const copy = { table: table.name, rows };
      copied.push(copy);
      options.onTable?.(copy);
    }
  });
  const skipped = sourceTables.filter((t) => !targetTables.has(t.name)).map((t) => t.name);
  return { copied, skipped };
}
