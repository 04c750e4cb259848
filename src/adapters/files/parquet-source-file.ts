import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SourceConfig } from '../../core/config/config.js';
import type { InputError } from '../../core/errors.js';
import { quoteLiteral } from '../../engine/quote.js';
import type { RawRow, SourceFile } from './open-source-file.js';
import { normalizeHeader } from './normalize-header.js';
import { sourceFileError } from './source-file-error.js';

/*
 * A private in-memory DuckDB reads the file: it streams row groups without loading the file.
 * One thread keeps rows in file order (row numbers must match what the user sees in other
 * tools) and, with the memory cap, keeps a reader from competing with the warehouse.
 */
const READER_SETTINGS = { threads: '1', memory_limit: '512MB' } as const;

/** Reads the schema and checks the file has a row; rows are streamed by `rows()`. */
export async function openParquetFile(source: SourceConfig): Promise<SourceFile> {
  const { names, hasRows } = await withConnection(source, async (connection) => {
    const result = await connection.stream(selectAll(source));
    // DuckDB ends a stream with an empty chunk (or none); any earlier chunk has rows.
    const chunk = await result.fetchChunk();
    return { names: result.columnNames(), hasRows: chunk !== null && chunk.rowCount > 0 };
  });
  if (!hasRows) throw sourceFileError(source, 'empty_file', 'the file has no rows');
  const columns = normalizeHeader(source, names);
  return {
    columns,
    async *rows(): AsyncGenerator<RawRow> {
      let row = 0;
      const instance = await DuckDBInstance.create(':memory:', READER_SETTINGS);
      try {
        const connection = await instance.connect();
        try {
          const result = await connection.stream(selectAll(source));
          for await (const batch of result.yieldRowsJs()) {
            for (const values of batch) {
              row += 1;
              const entries = columns.map((c, i): [string, unknown] => [c, values[i] ?? null]);
              yield { line: row, values: Object.fromEntries(entries) };
            }
          }
        } catch (error: unknown) {
          throw unreadableParquet(source, error, row + 1);
        } finally {
          connection.closeSync();
        }
      } finally {
        instance.closeSync();
      }
    },
  };
}

async function withConnection<T>(
  source: SourceConfig,
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', READER_SETTINGS);
  try {
    const connection = await instance.connect();
    try {
      return await work(connection);
    } finally {
      connection.closeSync();
    }
  } catch (error: unknown) {
    throw unreadableParquet(source, error);
  } finally {
    instance.closeSync();
  }
}

function selectAll(source: SourceConfig): string {
  return `SELECT * FROM read_parquet(${quoteLiteral(source.path)})`;
}

function unreadableParquet(source: SourceConfig, error: unknown, row?: number): InputError {
  // DuckDB appends a caret diagram of the SQL after the first line; the user never wrote that SQL.
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  const where = row === undefined ? '' : ` at row ${row}`;
  return sourceFileError(
    source,
    'unreadable_parquet',
    `cannot read the file as Parquet${where}: ${reason}`,
    row === undefined ? {} : { row },
  );
}
