import type { LoadColumn, LoadValue } from './engine.js';
import { rowCountOf } from './integer-columns.js';

/** The rows of columns of equal length (row i: element i of each), for engines that load rows. */
export function* columnRows(
  table: string,
  columns: readonly LoadColumn[],
): Iterable<readonly LoadValue[]> {
  const rows = rowCountOf(table, columns);
  for (let i = 0; i < rows; i++) yield columns.map((c) => c[i]!);
}
