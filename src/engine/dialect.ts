/** Column types the canonical schema uses; each dialect names them in its own SQL. */
export type ColumnType =
  'text' | 'timestamp' | 'date' | 'double' | 'boolean' | 'integer' | 'bigint';

/**
 * Renders the SQL that differs between engines. Stages and builders ask the dialect; they never
 * test which engine they run on. Anything that is the same in every engine stays plain SQL.
 */
export interface Dialect {
  /** For messages and run records only: never branch on it. */
  readonly name: string;
  quoteIdentifier(name: string): string;
  quoteLiteral(value: string | number | boolean | null): string;
  /** The type's name, as CAST accepts it. */
  columnType(type: ColumnType): string;
  /**
   * The type of a table column in CREATE TABLE: `columnType` plus whatever makes the column
   * compare like every other engine's (PostgreSQL text columns sort by bytes, as DuckDB's do,
   * so MIN, MAX, GROUP BY and ORDER BY agree whatever the database's collation).
   */
  columnDefinition(type: ColumnType): string;
  /** `expr` shifted back by a whole number of days (`days` is SQL text of an integer). */
  minusDays(expr: string, days: string): string;
  /**
   * Seconds between two timestamps, as a double (later minus earlier): the exact difference,
   * rounded once, so every engine returns the same double.
   */
  secondsBetween(later: string, earlier: string): string;
  /**
   * A double as a DECIMAL(38, 18), to be summed exactly (exact-sum-sql.ts): to the engine's full
   * precision, not a shorter decimal that loses the double's last digits.
   */
  exactDecimal(expr: string): string;
  /** An ORDER BY key on text that sorts by bytes, whatever the database's collation. */
  byteOrder(expr: string): string;
  /**
   * An aggregate: the text values of a group joined by `separator` (SQL text), in ascending order
   * of the `orderBy` keys (never NULL, unique within the group; a text key wrapped in `byteOrder`).
   */
  orderedJoin(value: string, separator: string, orderBy: readonly string[]): string;
  /** First 16 hex digits of the MD5 of a text expression: a stable short id. */
  shortHash(expr: string): string;
  /**
   * A 64-bit integer hash of a row of values (any types, NULLs and order told apart), many times
   * cheaper than an MD5 of their text: for digests compared within one warehouse only. Not the
   * same value across engines (nor, perhaps, across engine versions: a changed function only
   * makes every digest look changed once, and recomputed).
   */
  rowHash(exprs: readonly string[]): string;
  /**
   * Capability: the planner needs fresh statistics (`ANALYZE table`) after a stage rewrites a
   * table, or it plans later joins of the same run from the table's old size.
   */
  readonly analyzeAfterWrite: boolean;
  /**
   * Capability: a statement that folds the write-ahead log into the database file. Run on the
   * pipeline's connection after a large commit, so the next small commit (the collector's) does
   * not pay for the whole run's checkpoint. Absent where the engine needs none.
   */
  readonly checkpoint?: string;
  /**
   * Capability: SQL that writes the result of `query` to a file on the machine running the
   * engine (DuckDB's COPY … TO). Absent where the engine cannot; callers then write CSV
   * themselves and cannot offer Parquet.
   */
  readonly copyToFile?: (query: string, path: string, format: ExportFormat) => string;
  /**
   * Capability: a table expression reading a CSV file on the engine's machine with the engine's
   * own reader, every cell as text in columns c0…c(n-1), header lines skipped, quotes as RFC 4180.
   * Records it cannot read (a ragged row, bad UTF-8) are left out and listed in `rejectsTable`
   * (one row each) instead of failing the statement. Absent where the engine cannot (PostgreSQL:
   * files are then read by the adapters, record by record).
   */
  readonly readCsvFile?: (file: CsvFileRead) => string;
  /**
   * Capability: statements that make writing millions of rows of distinct text (the identity
   * stage's per-identifier tables, the journeys stage's per-touch and per-person ones) cheaper
   * while they run, and the statements that undo them.
   * Absent where the engine needs nothing.
   */
  readonly bulkTextWrites?: WriteSettings;
  /**
   * Capability: the same for writes of millions of rows whose text repeats within a row group
   * (the credits rows: a conversion's id on every touch and model, a touch's on every model),
   * which compress well by dictionary without the engine trying costlier methods first.
   */
  readonly repeatedTextWrites?: WriteSettings;
}

/** What `readCsvFile` reads, and where it lists the records it could not. */
export interface CsvFileRead {
  readonly path: string;
  readonly columnCount: number;
  readonly delimiter: string;
  /** Lines before the first record (the header). */
  readonly skipLines: number;
  readonly rejectsTable: string;
  readonly rejectsScanTable: string;
}

/** Statements run before a write, and the statements that undo them after it. */
export interface WriteSettings {
  readonly begin: readonly string[];
  readonly end: readonly string[];
}

/** File formats a report can be exported to. */
export type ExportFormat = 'csv' | 'parquet';
