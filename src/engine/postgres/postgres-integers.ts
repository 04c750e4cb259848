import { EngineError } from '../../core/errors.js';
import type { Row } from '../engine.js';
import { IntegerColumns, rowCountOf } from '../integer-columns.js';
import type { SqlStatement } from '../sql/sql-statement.js';

/** Fills integer columns from a cursor's chunks (PostgreSQL sends rows; there is no vector to copy). */
export async function readIntegerRows(
  chunks: AsyncIterable<Row[]>,
  columns: number,
  statement: SqlStatement,
): Promise<Int32Array[]> {
  const out = new IntegerColumns(columns);
  for await (const rows of chunks) {
    const names = Object.keys(rows[0] ?? {});
    if (names.length !== columns)
      throw new EngineError(
        `readIntegers: ${names.length} columns, ${columns} expected`,
        statement.sql,
      );
    const at = out.reserve(rows.length);
    names.forEach((name, c) => {
      const target = out.column(c);
      for (let i = 0; i < rows.length; i++) {
        const v = rows[i]![name];
        if (typeof v !== 'number' || !Number.isInteger(v))
          throw new EngineError(`readIntegers: column ${name} holds ${String(v)}`, statement.sql);
        target[at + i] = v;
      }
    });
  }
  return out.done();
}

/** COPY text lines of integer columns: digits and tabs need no escaping. */
export function* integerCopyLines(table: string, columns: readonly Int32Array[]): Iterable<string> {
  const rows = rowCountOf(table, columns);
  const width = columns.length;
  for (let i = 0; i < rows; i++) {
    let line = String(columns[0]![i]);
    for (let c = 1; c < width; c++) line += `\t${columns[c]![i]}`;
    yield `${line}\n`;
  }
}
