import { sql, type SqlStatement } from './sql-statement.js';

/**
 * Every column of every table in the warehouse's own schema (DuckDB's database, PostgreSQL's
 * search_path schema), in table and column order, from the standard information_schema both
 * engines keep: `table_name`, `column_name`, `data_type`.
 */
export function warehouseColumnsSql(): SqlStatement {
  return sql(`SELECT c.table_name, c.column_name, c.data_type
FROM information_schema.columns c
JOIN information_schema.tables t
  ON t.table_catalog = c.table_catalog AND t.table_schema = c.table_schema AND t.table_name = c.table_name
WHERE t.table_type = 'BASE TABLE' AND c.table_catalog = current_database() AND c.table_schema = current_schema()
ORDER BY c.table_name, c.ordinal_position`);
}
