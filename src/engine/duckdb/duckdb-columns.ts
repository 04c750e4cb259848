import {
  DOUBLE,
  DuckDBDataChunk,
  DuckDBDoubleVector,
  DuckDBIntegerVector,
  DuckDBVarCharVector,
  INTEGER,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBType,
} from '@duckdb/node-api';
import { EngineError } from '../../core/errors.js';
import type { LoadColumn } from '../engine.js';
import { rowCountOf } from '../integer-columns.js';

// DuckDB's vector size: the most rows one data chunk holds.
const CHUNK_ROWS = 2048;

const typeOf = (column: LoadColumn): DuckDBType =>
  column instanceof Int32Array ? INTEGER : column instanceof Float64Array ? DOUBLE : VARCHAR;

/**
 * Appends typed columns through data chunks of DuckDB's vector size: numbers are copied into
 * each vector as a block; only text takes a call per value. The table's columns must have the
 * columns' types (the appender would otherwise cast, or refuse the chunk).
 */
export function appendColumnChunks(
  appender: DuckDBAppender,
  table: string,
  columns: readonly LoadColumn[],
): number {
  const rows = rowCountOf(table, columns);
  const types = columns.map(typeOf);
  if (appender.columnCount !== columns.length)
    throw new EngineError(
      `appendColumns to ${table}: ${columns.length} columns given, table has ${appender.columnCount}`,
      '',
    );
  types.forEach((type, c) => {
    if (appender.columnType(c).typeId !== type.typeId)
      throw new EngineError(
        `appendColumns to ${table}: column ${c + 1} is ${appender.columnType(c).toString()}, given ${type.toString()}`,
        '',
      );
  });
  const chunk = DuckDBDataChunk.create(types, CHUNK_ROWS);
  for (let from = 0; from < rows; from += CHUNK_ROWS) {
    const count = Math.min(CHUNK_ROWS, rows - from);
    chunk.reset();
    chunk.rowCount = count;
    columns.forEach((column, c) => fillVector(chunk, c, column, from, count));
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  return rows;
}

function fillVector(
  chunk: DuckDBDataChunk,
  c: number,
  column: LoadColumn,
  from: number,
  count: number,
): void {
  const vector = chunk.getColumnVector(c);
  // Numbers land in the vector's own typed array, copied to DuckDB in one call by flush; text is
  // handed over per value there.
  if (vector instanceof DuckDBIntegerVector || vector instanceof DuckDBDoubleVector) {
    const numbers = column as Int32Array | Float64Array;
    for (let i = 0; i < count; i++) vector.setItem(i, numbers[from + i]!);
  } else if (vector instanceof DuckDBVarCharVector) {
    const texts = column as readonly string[];
    for (let i = 0; i < count; i++) vector.setItem(i, texts[from + i]!);
  }
  vector.flush();
}
