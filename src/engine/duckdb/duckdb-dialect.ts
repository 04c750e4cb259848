import type { ColumnType, Dialect } from '../dialect.js';
import { quoteIdentifier, quoteLiteral } from '../quote.js';

const TYPES: Record<ColumnType, string> = {
  text: 'VARCHAR',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  integer: 'INTEGER',
  bigint: 'BIGINT',
};

/** DuckDB's SQL. Timestamps are stored as UTC without zone: every loader converts to UTC first. */
export const duckdbDialect: Dialect = {
  name: 'duckdb',
  quoteIdentifier,
  quoteLiteral,
  columnType: (type) => TYPES[type],
  minusDays: (expr, days) => `(${expr} - to_days(CAST(${days} AS INTEGER)))`,
  secondsBetween: (later, earlier) => `(epoch(${later}) - epoch(${earlier}))`,
  // DuckDB compares VARCHAR by bytes unless a collation is asked for.
  byteOrder: (expr) => expr,
  shortHash: (expr) => `substr(md5(${expr}), 1, 16)`,
};
