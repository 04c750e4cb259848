import type { LoadValue, Row, RowValue } from '../../engine/engine.js';
import type { ColumnType } from '../../engine/dialect.js';
import type { TableSpec } from '../../engine/schema/table-spec.js';

function loadValue(value: RowValue | undefined, type: ColumnType): LoadValue {
  if (value === null || value === undefined) return null;
  if (type === 'date' || type === 'timestamp') {
    if (value instanceof Date) return value.getTime();
    // Days are yyyy-mm-dd text in report rows; midnight UTC is the day.
    if (typeof value === 'string')
      return Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** Report rows as rows to bulk-load into `table`: its columns in order, missing ones NULL. */
export function loadRows(table: TableSpec, rows: readonly Row[]): LoadValue[][] {
  return rows.map((r) => table.columns.map((c) => loadValue(r[c.name], c.type)));
}
