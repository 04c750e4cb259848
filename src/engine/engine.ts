import type { Dialect } from './dialect.js';
import type { SqlStatement } from './sql/sql-statement.js';

/** A value in a row read back from the warehouse: bigints within safe range arrive as numbers. */
export type RowValue = string | number | boolean | bigint | Date | null;
export type Row = Readonly<Record<string, RowValue>>;

/** A value to bulk-load: timestamps and dates are epoch milliseconds. */
export type LoadValue = string | number | boolean | null;

/** A column for Engine.appendColumns: INTEGER, DOUBLE or text values, one per row. */
export type LoadColumn = Int32Array | Float64Array | readonly string[];

export interface TransactionOptions {
  readonly snapshot?: boolean;
}

/**
 * The warehouse. Implementations hold one connection; SQL text comes from the dialect and the
 * builders, never from the implementation.
 */
export interface Engine {
  readonly dialect: Dialect;
  query(statement: SqlStatement): Promise<Row[]>;
  execute(statement: SqlStatement): Promise<void>;
  /**
   * Reads a result a chunk of rows at a time, for results too large to hold at once (copying a
   * whole table). Run no other statement on the same engine until the stream is done: DuckDB
   * drops an open result when its connection runs another, PostgreSQL reads through a cursor.
   */
  stream(statement: SqlStatement): AsyncIterable<Row[]>;
  /**
   * Bulk-loads rows into `table`, each row giving every column in table order, through the
   * engine's fastest path (DuckDB's Appender, PostgreSQL's COPY). Returns the rows loaded.
   */
  append(
    table: string,
    rows: AsyncIterable<readonly LoadValue[]> | Iterable<readonly LoadValue[]>,
  ): Promise<number>;
  /**
   * Reads a result of `columns` columns, each a 32-bit integer (CAST … AS INTEGER in the SQL), into
   * one Int32Array per column, without a row object per row: for results of millions of numbered
   * identifiers. A NULL or a value of another type is an error. DuckDB copies its vectors, PostgreSQL
   * reads through a cursor.
   */
  readIntegers(statement: SqlStatement, columns: number): Promise<Int32Array[]>;
  /**
   * Bulk-loads integer columns of equal length into `table`, whose columns are that many INTEGERs,
   * row i made of element i of each column. Returns the rows loaded.
   */
  appendIntegers(table: string, columns: readonly Int32Array[]): Promise<number>;
  /**
   * Bulk-loads columns of equal length into `table`, whose columns are, in order, INTEGER for an
   * Int32Array, DOUBLE for a Float64Array and text for a list of strings; row i made of element i
   * of each column. For results of millions of rows computed in TypeScript (the data-driven
   * models' path credits): DuckDB fills its vectors a chunk at a time instead of taking one call
   * per value. Returns the rows loaded.
   */
  appendColumns(table: string, columns: readonly LoadColumn[]): Promise<number>;
  /**
   * Runs `work` in one transaction: everything it wrote commits together or not at all. With
   * `snapshot`, every statement of it sees the warehouse as of one moment (DuckDB always does;
   * PostgreSQL needs REPEATABLE READ), so a run reads one consistent state while other
   * connections commit beside it.
   */
  transaction<T>(work: () => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Another connection to the same warehouse, with its own transactions: a long pipeline run on
   * one must not hold up the collector's commits on the other. Closing it leaves this one open.
   */
  connect(): Promise<Engine>;
  close(): Promise<void>;
}
