import {
  DuckDBDataChunk,
  DuckDBIntegerVector,
  INTEGER,
  type DuckDBAppender,
  type DuckDBResult,
} from '@duckdb/node-api';
import { EngineError } from '../../core/errors.js';
import { IntegerColumns, rowCountOf } from '../integer-columns.js';

// DuckDB's vector size: the most rows one data chunk holds.
const CHUNK_ROWS = 2048;

/** Copies every chunk of a streamed result of INTEGER columns into typed arrays. */
export async function readIntegerResult(
  result: DuckDBResult,
  columns: number,
  sqlText: string,
): Promise<Int32Array[]> {
  if (result.columnCount !== columns)
    throw new EngineError(
      `readIntegers: ${result.columnCount} columns, ${columns} expected`,
      sqlText,
    );
  const out = new IntegerColumns(columns);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const rows = chunk.rowCount;
    const at = out.reserve(rows);
    for (let c = 0; c < chunk.columnCount; c++) {
      const vector = chunk.getColumnVector(c);
      if (!(vector instanceof DuckDBIntegerVector))
        throw new EngineError(`readIntegers: column ${c} is not INTEGER`, sqlText);
      const target = out.column(c);
      for (let i = 0; i < rows; i++) {
        const v = vector.getItem(i);
        if (v === null) throw new EngineError(`readIntegers: NULL in column ${c}`, sqlText);
        target[at + i] = v;
      }
    }
  }
  return out.done();
}

/** Appends integer columns through data chunks of DuckDB's vector size (no value objects). */
export function appendIntegerColumns(
  appender: DuckDBAppender,
  table: string,
  columns: readonly Int32Array[],
): number {
  const rows = rowCountOf(table, columns);
  const chunk = DuckDBDataChunk.create(
    columns.map(() => INTEGER),
    CHUNK_ROWS,
  );
  for (let from = 0; from < rows; from += CHUNK_ROWS) {
    const count = Math.min(CHUNK_ROWS, rows - from);
    chunk.reset();
    chunk.rowCount = count;
    columns.forEach((column, c) => {
      const vector = chunk.getColumnVector(c) as DuckDBIntegerVector;
      for (let i = 0; i < count; i++) vector.setItem(i, column[from + i]!);
      vector.flush();
    });
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  return rows;
}
