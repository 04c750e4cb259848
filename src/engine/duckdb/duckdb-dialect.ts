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
  // VARCHAR already compares by bytes.
  columnDefinition: (type) => TYPES[type],
  minusDays: (expr, days) => `(${expr} - to_days(CAST(${days} AS INTEGER)))`,
  // Whole microseconds subtract exactly; epoch() would round each side to a double first.
  secondsBetween: (later, earlier) =>
    `(CAST(epoch_us(${later}) - epoch_us(${earlier}) AS DOUBLE) / 1000000)`,
  // DuckDB compares VARCHAR by bytes unless a collation is asked for.
  byteOrder: (expr) => expr,
  shortHash: (expr) => `substr(md5(${expr}), 1, 16)`,
  // hash() of several values hashes each by its type and combines them in order.
  rowHash: (exprs) => `hash(${exprs.join(', ')})`,
  // DuckDB keeps its statistics up to date as it writes.
  analyzeAfterWrite: false,
  copyToFile: (query, path, format) =>
    `COPY (${query}) TO ${quoteLiteral(path)} (${format === 'csv' ? 'FORMAT csv, HEADER' : 'FORMAT parquet'})`,
};
