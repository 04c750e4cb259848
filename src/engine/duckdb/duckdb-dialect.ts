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
  // The cast scales the double in double arithmetic: the decimal is within a unit in the last
  // place of the double (1e16 comes out 9999999999999999.46), the same decimal on every run.
  exactDecimal: (expr) => `CAST(${expr} AS DECIMAL(38, 18))`,
  // An ordered string_agg sorts inside the aggregate and cost most of the data-driven path step;
  // sorting one list of (keys…, value) structs per group is about three times faster.
  orderedJoin: (value, separator, orderBy) =>
    `array_to_string(list_transform(list_sort(list({${[...orderBy, value].map((e, i) => `'k${i}': ${e}`).join(', ')}})), x -> x.k${orderBy.length}), ${separator})`,
  shortHash: (expr) => `substr(md5(${expr}), 1, 16)`,
  // hash() of several values hashes each by its type and combines them in order.
  rowHash: (exprs) => `hash(${exprs.join(', ')})`,
  // DuckDB keeps its statistics up to date as it writes.
  analyzeAfterWrite: false,
  checkpoint: 'CHECKPOINT',
  // Choosing a compression for a column tries each method; on millions of distinct values the
  // dictionary methods' trial costs more than the rest of an INSERT (half of writing
  // identifiers at 2M rows). FSST still compresses the text those tables hold.
  bulkTextWrites: {
    begin: ["SET disabled_compression_methods = 'dictionary,dict_fsst'"],
    end: ['RESET disabled_compression_methods'],
  },
  // FSST's trial (a symbol table trained per segment) costs the data-driven credits INSERT a fifth
  // of its CPU at 17M rows, and dictionary wins on such columns anyway: the file grew 0.6 %.
  repeatedTextWrites: {
    begin: ["SET disabled_compression_methods = 'fsst,dict_fsst'"],
    end: ['RESET disabled_compression_methods'],
  },
  // No sniffing: the header was read by the adapter, every cell is text, and a record DuckDB
  // cannot read goes to the rejects table rather than failing the run's transaction.
  readCsvFile: (f) =>
    `read_csv(${quoteLiteral(f.path)}, auto_detect = false, header = false, skip = ${f.skipLines}, delim = ${quoteLiteral(f.delimiter)}, quote = '"', escape = '"', columns = {${Array.from({ length: f.columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}, ignore_errors = true, store_rejects = true, rejects_table = ${quoteLiteral(f.rejectsTable)}, rejects_scan = ${quoteLiteral(f.rejectsScanTable)})`,
  copyToFile: (query, path, format) =>
    `COPY (${query}) TO ${quoteLiteral(path)} (${format === 'csv' ? 'FORMAT csv, HEADER' : 'FORMAT parquet'})`,
};
