import pg from 'pg';
import { EngineError } from '../../core/errors.js';
import type {
  Engine,
  LoadColumn,
  LoadValue,
  Row,
  RowValue,
  TransactionOptions,
} from '../engine.js';
import { columnRows } from '../load-columns.js';
import { sql, type SqlStatement } from '../sql/sql-statement.js';
import { copyRows } from './copy-rows.js';
import { copyTextEncoder } from './copy-text-encoder.js';
import { cursorStream } from './cursor-stream.js';
import { describeDatabaseUrl } from './describe-database-url.js';
import { integerCopyLines, readIntegerRows } from './postgres-integers.js';
import { postgresDialect } from './postgres-dialect.js';
import { postgresTypeParsers } from './postgres-types.js';
import { prepareSession } from './prepare-session.js';

export interface PostgresEngineOptions {
  /** postgres://user:password@host:port/database */
  readonly url: string;
  /** The schema holding convrev's tables; created when missing. */
  readonly schema: string;
}

/**
 * The server warehouse: one dedicated connection, since transactions and the session settings
 * (prepareSession: search_path on convrev's schema, UTC, …) belong to a connection and a pool
 * would lose them. Bulk loads go through COPY, large reads through a cursor.
 */
export class PostgresEngine implements Engine {
  readonly dialect = postgresDialect;
  private readonly columnTypes = new Map<string, number[]>();
  private inTransaction = false;
  private cursors = 0;

  private constructor(
    private readonly client: pg.Client,
    private readonly options: PostgresEngineOptions,
  ) {}

  static async open(options: PostgresEngineOptions): Promise<PostgresEngine> {
    const client = new pg.Client({
      connectionString: options.url,
      types: postgresTypeParsers(),
      application_name: 'convrev',
    });
    // A connection lost while idle is reported as an event; the next statement fails with it.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new EngineError(
        `cannot connect to PostgreSQL at ${describeDatabaseUrl(options.url)}: ${reason}`,
        '',
        { cause },
      );
    }
    const engine = new PostgresEngine(client, options);
    try {
      await prepareSession(engine, options.schema);
    } catch (error) {
      await client.end();
      throw error;
    }
    return engine;
  }

  async query(statement: SqlStatement): Promise<Row[]> {
    return (await this.run(statement)).rows;
  }

  async execute(statement: SqlStatement): Promise<void> {
    await this.run(statement);
  }

  stream(statement: SqlStatement): AsyncIterable<Row[]> {
    return cursorStream(this, statement, `convrev_cursor_${++this.cursors}`, this.inTransaction);
  }

  async append(
    table: string,
    rows: AsyncIterable<readonly LoadValue[]> | Iterable<readonly LoadValue[]>,
  ): Promise<number> {
    const encode = copyTextEncoder(table, await this.typesOf(table));
    const copySql = `COPY ${this.dialect.quoteIdentifier(table)} FROM STDIN`;
    let count = 0;
    async function* lines(): AsyncIterable<string> {
      for await (const row of rows) yield encode(row, ++count);
    }
    try {
      await copyRows(this.client, copySql, lines());
    } catch (cause) {
      throw cause instanceof pg.DatabaseError ? databaseError(cause, copySql) : cause;
    }
    return count;
  }

  async readIntegers(statement: SqlStatement, columns: number): Promise<Int32Array[]> {
    return readIntegerRows(this.stream(statement), columns, statement);
  }

  async appendIntegers(table: string, columns: readonly Int32Array[]): Promise<number> {
    const copySql = `COPY ${this.dialect.quoteIdentifier(table)} FROM STDIN`;
    try {
      await copyRows(this.client, copySql, integerCopyLines(table, columns));
    } catch (cause) {
      throw cause instanceof pg.DatabaseError ? databaseError(cause, copySql) : cause;
    }
    return columns[0]?.length ?? 0;
  }

  // COPY takes text either way: the columns become rows for the row encoder.
  appendColumns(table: string, columns: readonly LoadColumn[]): Promise<number> {
    return this.append(table, columnRows(table, columns));
  }

  async transaction<T>(work: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.inTransaction) throw new EngineError('transactions do not nest', 'BEGIN');
    await this.execute(sql(options.snapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ' : 'BEGIN'));
    this.inTransaction = true;
    try {
      const result = await work();
      await this.execute(sql('COMMIT'));
      return result;
    } catch (error) {
      // The work's error is the one to report, even when the connection is too broken to roll back.
      await this.execute(sql('ROLLBACK')).catch(() => undefined);
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  connect(): Promise<PostgresEngine> {
    return PostgresEngine.open(this.options);
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  private async typesOf(table: string): Promise<number[]> {
    const cached = this.columnTypes.get(table);
    if (cached) return cached;
    const result = await this.run(
      sql(`SELECT * FROM ${this.dialect.quoteIdentifier(table)} LIMIT 0`),
    );
    const types = result.fields.map((f) => f.dataTypeID);
    this.columnTypes.set(table, types);
    return types;
  }

  private async run(statement: SqlStatement): Promise<pg.QueryResult<Record<string, RowValue>>> {
    try {
      const result: pg.QueryResult<Record<string, RowValue>> | unknown[] = await this.client.query(
        statement.sql,
        statement.params ? [...statement.params] : undefined,
      );
      // Several statements in one text answer with one result each; like DuckDB, keep the last.
      return Array.isArray(result)
        ? (result.at(-1) as pg.QueryResult<Record<string, RowValue>>)
        : result;
    } catch (cause) {
      if (cause instanceof pg.DatabaseError) throw databaseError(cause, statement.sql);
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new EngineError(reason, statement.sql, { cause });
    }
  }
}

/** PostgreSQL's message, with the detail and the place (COPY line and column) it gives. */
function databaseError(cause: pg.DatabaseError, sqlText: string): EngineError {
  const extra = [cause.detail, cause.where].filter(Boolean).join('; ');
  return new EngineError(extra ? `${cause.message} (${extra})` : cause.message, sqlText, {
    cause,
  });
}
