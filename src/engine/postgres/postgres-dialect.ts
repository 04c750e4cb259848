import type { ColumnType, Dialect } from '../dialect.js';
import { quoteIdentifier, quoteLiteral } from '../quote.js';

const TYPES: Record<ColumnType, string> = {
  text: 'text',
  timestamp: 'timestamp',
  date: 'date',
  double: 'double precision',
  boolean: 'boolean',
  integer: 'integer',
  bigint: 'bigint',
};

/**
 * PostgreSQL's SQL. Timestamps are `timestamp` (without zone) holding UTC, as in DuckDB; the
 * engine sets the session's TimeZone to UTC so CURRENT_TIMESTAMP lands in the same frame.
 */
export const postgresDialect: Dialect = {
  name: 'postgres',
  quoteIdentifier,
  quoteLiteral,
  columnType: (type) => TYPES[type],
  // The database's default collation may be a locale's (en_US sorts 'B' after 'a'); "C" is bytes.
  columnDefinition: (type) => (type === 'text' ? 'text COLLATE "C"' : TYPES[type]),
  minusDays: (expr, days) => `(${expr} - make_interval(days => CAST(${days} AS integer)))`,
  // EXTRACT(EPOCH ...) is an exact numeric; one cast rounds it to the nearest double.
  secondsBetween: (later, earlier) =>
    `CAST(EXTRACT(EPOCH FROM ${later}) - EXTRACT(EPOCH FROM ${earlier}) AS double precision)`,
  // A double's cast to numeric keeps 15 significant digits (DBL_DIG), which the sum of a day's
  // revenue showed against DuckDB's; the rest of the double, the difference taken back in double
  // arithmetic (exact: the two are that close), adds the digits the first cast dropped.
  exactDecimal: (expr) =>
    `CAST(CAST(${expr} AS numeric) + CAST((${expr}) - CAST(CAST(${expr} AS numeric) AS double precision) AS numeric) AS numeric(38, 18))`,
  byteOrder: (expr) => `(${expr}) COLLATE "C"`,
  orderedJoin: (value, separator, orderBy) =>
    `string_agg(${value}, ${separator} ORDER BY ${orderBy.join(', ')})`,
  shortHash: (expr) => `substr(md5(${expr}), 1, 16)`,
  // quote_nullable quotes and escapes each value (NULL unquoted), so the joined text is unambiguous.
  rowHash: (exprs) =>
    `hashtextextended(concat_ws(',', ${exprs.map((e) => `quote_nullable(CAST(${e} AS text))`).join(', ')}), 0)`,
  // Inside the run's one transaction autovacuum sees none of the new rows.
  analyzeAfterWrite: true,
};
