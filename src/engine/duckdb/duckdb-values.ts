import {
  DuckDBDateValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBAppender,
  type DuckDBType,
} from '@duckdb/node-api';
import type { LoadValue, Row, RowValue } from '../engine.js';

const MS_PER_DAY = 86_400_000;

/** Appends one load value to the appender's current row as the column's type expects. */
export function appendValue(appender: DuckDBAppender, type: DuckDBType, value: LoadValue): void {
  if (value === null) return appender.appendNull();
  switch (type.typeId) {
    case DuckDBTypeId.TIMESTAMP:
      return appender.appendTimestamp(
        new DuckDBTimestampValue(BigInt(Math.round(value as number)) * 1000n),
      );
    case DuckDBTypeId.DATE:
      return appender.appendDate(new DuckDBDateValue(Math.floor((value as number) / MS_PER_DAY)));
    case DuckDBTypeId.DOUBLE:
      return appender.appendDouble(value as number);
    case DuckDBTypeId.INTEGER:
      return appender.appendInteger(value as number);
    case DuckDBTypeId.BIGINT:
      return appender.appendBigInt(BigInt(value));
    case DuckDBTypeId.BOOLEAN:
      return appender.appendBoolean(value as boolean);
    default:
      return appender.appendVarchar(String(value));
  }
}

/** Plain JS values for rows read back: safe bigints become numbers, the rest pass through. */
export function toRowValue(value: unknown): RowValue {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value;
  }
  if (value === undefined) return null;
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  ) {
    return value;
  }
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** A row read back, every value made plain by toRowValue. */
export function toRow(row: Readonly<Record<string, unknown>>): Row {
  const out: Record<string, RowValue> = {};
  for (const [key, value] of Object.entries(row)) out[key] = toRowValue(value);
  return out;
}
