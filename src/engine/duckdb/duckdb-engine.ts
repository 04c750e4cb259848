import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { EngineError } from '../../core/errors.js';
import type { Engine, LoadColumn, LoadValue, Row } from '../engine.js';
import type { SqlStatement } from '../sql/sql-statement.js';
import { loopTurns } from '../loop-turns.js';
import { appendColumnChunks } from './duckdb-columns.js';
import { duckdbDialect } from './duckdb-dialect.js';
import { duckdbOpenError } from './duckdb-open-error.js';
import { appendIntegerColumns, readIntegerResult } from './duckdb-integers.js';
import { appendValue, toRow } from './duckdb-values.js';

export interface DuckDBEngineOptions {
  /** Database file, or `:memory:`. */
  readonly path: string;
  /** DuckDB memory_limit, e.g. '4GB'. Set explicitly: DuckDB's default is 80 % of the machine. */
  readonly memoryLimit: string;
  readonly threads: number;
}

/** The embedded warehouse: one DuckDB database, one connection. */
export class DuckDBEngine implements Engine {
  readonly dialect = duckdbDialect;
  private inTransaction = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    // The first engine owns the database; engines of connect() close their connection only.
    private readonly ownsInstance = true,
  ) {}

  static async open(options: DuckDBEngineOptions): Promise<DuckDBEngine> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(options.path, {
        memory_limit: options.memoryLimit,
        threads: String(options.threads),
      });
    } catch (cause) {
      throw duckdbOpenError(options.path, cause);
    }
    return new DuckDBEngine(instance, await instance.connect());
  }

  async query(statement: SqlStatement): Promise<Row[]> {
    const reader = await this.run(statement, (sql, params) =>
      this.connection.runAndReadAll(sql, params),
    );
    return reader.getRowObjectsJS().map(toRow);
  }

  async execute(statement: SqlStatement): Promise<void> {
    await this.run(statement, (sql, params) => this.connection.run(sql, params));
  }

  async *stream(statement: SqlStatement): AsyncIterable<Row[]> {
    const result = await this.run(statement, (sql, params) => this.connection.stream(sql, params));
    try {
      for await (const chunk of result.yieldRowObjectJs()) yield chunk.map(toRow);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new EngineError(reason, statement.sql, { cause });
    }
  }

  async append(
    table: string,
    rows: AsyncIterable<readonly LoadValue[]> | Iterable<readonly LoadValue[]>,
  ): Promise<number> {
    // The appender knows the table's current shape: no cache that a re-created table could
    // leave stale (an export's temporary table takes a different shape per report).
    const appender = await this.connection.createAppender(table);
    const types = Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i));
    let count = 0;
    const appendRow = (row: readonly LoadValue[]) => {
      if (row.length !== types.length) {
        throw new EngineError(
          `append to ${table}: row has ${row.length} values, table has ${types.length} columns`,
          '',
        );
      }
      for (let i = 0; i < types.length; i++) appendValue(appender, types[i]!, row[i]!);
      appender.endRow();
      count++;
    };
    try {
      // `for await` over a plain iterable awaits every row: a promise and a turn of the
      // microtask queue per row, half the time of appending a model's million path credits.
      // A slice of rows at a time, handing the event loop a turn between slices: the server
      // appends a run's rows beside its collector (loop-turns.ts).
      const turn = loopTurns();
      if (Symbol.iterator in rows) {
        for (const row of rows) {
          appendRow(row);
          if ((count & 1023) === 0) await turn();
        }
      } else
        for await (const row of rows) {
          appendRow(row);
          if ((count & 1023) === 0) await turn();
        }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return count;
  }

  async readIntegers(statement: SqlStatement, columns: number): Promise<Int32Array[]> {
    const result = await this.run(statement, (sql, params) => this.connection.stream(sql, params));
    try {
      return await readIntegerResult(result, columns, statement.sql);
    } catch (cause) {
      if (cause instanceof EngineError) throw cause;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new EngineError(reason, statement.sql, { cause });
    }
  }

  async appendIntegers(table: string, columns: readonly Int32Array[]): Promise<number> {
    const appender = await this.connection.createAppender(table);
    try {
      if (appender.columnCount !== columns.length)
        throw new EngineError(
          `appendIntegers to ${table}: ${columns.length} columns given, table has ${appender.columnCount}`,
          '',
        );
      return appendIntegerColumns(appender, table, columns);
    } finally {
      appender.closeSync();
    }
  }

  async appendColumns(table: string, columns: readonly LoadColumn[]): Promise<number> {
    const appender = await this.connection.createAppender(table);
    try {
      return appendColumnChunks(appender, table, columns);
    } finally {
      appender.closeSync();
    }
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) throw new EngineError('transactions do not nest', 'BEGIN TRANSACTION');
    await this.connection.run('BEGIN TRANSACTION');
    this.inTransaction = true;
    try {
      const result = await work();
      await this.connection.run('COMMIT');
      return result;
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  // DuckDB gives every connection of one instance its own transactions (MVCC, snapshot
  // isolation); appends to one table from two of them do not conflict.
  async connect(): Promise<DuckDBEngine> {
    return new DuckDBEngine(this.instance, await this.instance.connect(), false);
  }

  close(): Promise<void> {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
    return Promise.resolve();
  }

  private async run<R>(
    statement: SqlStatement,
    call: (sql: string, params: DuckDBValue[] | undefined) => Promise<R>,
  ): Promise<R> {
    try {
      return await call(statement.sql, statement.params ? [...statement.params] : undefined);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new EngineError(reason, statement.sql, { cause });
    }
  }
}
