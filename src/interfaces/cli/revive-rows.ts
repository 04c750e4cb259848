import type { Row, RowValue } from '../../engine/engine.js';

// The API writes times as ISO text (formatForMachines); tables print them as Dates.
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

/**
 * Rows as the API answers them, back in the shape the warehouse gives: ISO times as Dates, so
 * a table, CSV or JSON printed from them reads as it does from the warehouse itself.
 */
export function reviveRows(rows: readonly Record<string, unknown>[]): Row[] {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, reviveValue(v)])),
  );
}

export function reviveValue(value: unknown): RowValue {
  if (typeof value === 'string' && ISO_TIME.test(value)) return new Date(value);
  return value as RowValue;
}
