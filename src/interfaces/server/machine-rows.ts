import type { Row } from '../../engine/engine.js';
import { formatForMachines } from '../cli/format/format-value.js';

// Day columns read straight from a table arrive as midnight timestamps; reports print days.
const DAY_COLUMNS = new Set(['day', 'period_start', 'period_end']);

/** Rows as `convrev report --format json` prints them: ISO times, nulls, rounded doubles. */
export function machineRows(
  rows: readonly Row[],
): Record<string, string | number | boolean | null>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        DAY_COLUMNS.has(k) && v instanceof Date
          ? v.toISOString().slice(0, 10)
          : formatForMachines(v),
      ]),
    ),
  );
}
