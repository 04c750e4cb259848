import { fieldsOf, type FieldType, type SourceKind } from '../../core/canonical/source-kinds.js';
import type { ColumnType, Dialect } from '../dialect.js';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
}

export interface TableSpec {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
}

const FIELD_COLUMN: Record<FieldType, ColumnType> = {
  text: 'text',
  timestamp: 'timestamp',
  date: 'date',
  amount: 'double',
  number: 'double',
  boolean: 'boolean',
};

/** Raw touchpoint files land apart: `touchpoints` is the derived table every stage reads. */
export function landingTableName(kind: SourceKind): string {
  return kind === 'touchpoints' ? 'source_touchpoints' : kind;
}

/**
 * The table a source kind lands in: its canonical fields, then the source name and the line of
 * the input file each row came from, so any figure can be traced back to a line a person can open.
 */
export function landingTable(kind: SourceKind): TableSpec {
  return {
    name: landingTableName(kind),
    columns: [
      ...fieldsOf(kind).map((f) => ({ name: f.name, type: FIELD_COLUMN[f.type] })),
      { name: 'source_name', type: 'text' },
      { name: 'source_line', type: 'integer' },
    ],
  };
}

export function createTableSql(dialect: Dialect, table: TableSpec): string {
  const columns = table.columns.map(
    (c) => `${dialect.quoteIdentifier(c.name)} ${dialect.columnDefinition(c.type)}`,
  );
  return `CREATE TABLE ${dialect.quoteIdentifier(table.name)} (${columns.join(', ')})`;
}
