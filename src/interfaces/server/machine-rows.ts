import type { Row } from '../../engine/engine.js';
import { formatForMachines } from '../cli/format/format-value.js';

/** Rows as `convrev report --format json` prints them: ISO times, nulls, rounded doubles. */
export function machineRows(
  rows: readonly Row[],
): Record<string, string | number | boolean | null>[] {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, formatForMachines(v)])),
  );
}
