import type { Engine } from '../../engine/engine.js';
import { warehouseColumnsSql } from '../../engine/sql/catalog-sql.js';

/** One table of a warehouse as its catalog describes it: columns in order, with their types. */
export interface CatalogTable {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

/**
 * The tables a warehouse holds, read from its catalog rather than from a list in the code, so
 * that an export copies every table the migrations made, those of later migrations included.
 */
export async function warehouseCatalog(engine: Engine): Promise<CatalogTable[]> {
  const tables = new Map<string, { name: string; type: string }[]>();
  for (const row of await engine.query(warehouseColumnsSql())) {
    const table = String(row.table_name);
    const columns = tables.get(table) ?? [];
    columns.push({ name: String(row.column_name), type: String(row.data_type) });
    tables.set(table, columns);
  }
  return [...tables].map(([name, columns]) => ({ name, columns }));
}
