import type { Engine, LoadValue, RowValue } from '../../engine/engine.js';
import { sql } from '../../engine/sql/sql-statement.js';

/** A value read from one engine as another engine's bulk load takes it. */
export function toLoadValue(value: RowValue | undefined): LoadValue {
  if (value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/**
 * Every row of a table, streamed chunk by chunk out of `engine` with the given columns in the
 * given order, ready for another engine's `append`.
 */
export async function* tableRows(
  engine: Engine,
  table: string,
  columns: readonly string[],
): AsyncIterable<readonly LoadValue[]> {
  const q = (name: string) => engine.dialect.quoteIdentifier(name);
  // Aliases by position: a column named like a Row's own keys still comes back under its name.
  const statement = sql(
    `SELECT ${columns.map((c, i) => `${q(c)} AS c${i}`).join(', ')} FROM ${q(table)}`,
  );
  for await (const chunk of engine.stream(statement)) {
    for (const row of chunk) yield columns.map((_c, i) => toLoadValue(row[`c${i}`]));
  }
}
