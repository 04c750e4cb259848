import { EngineError } from '../../core/errors.js';
import type { LoadValue } from '../engine.js';
import { PG_TYPE } from './postgres-types.js';

/** The text format's NULL marker, as COPY reads it by default. */
const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/**
 * Text as one field of COPY's text format: backslash, tab (the delimiter) and line breaks become
 * backslash escapes, so a value can never end its field or row early, and `\N` written by a
 * user stays text (`\\N`) instead of turning into NULL. Everything else, Unicode included, goes
 * through as it is: the connection's client_encoding is UTF8.
 */
export function escapeCopyText(text: string): string {
  if (text.includes('\u0000')) throw new RangeError('PostgreSQL text cannot hold a NUL character');
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c] ?? c) : text;
}

/** Epoch milliseconds as `YYYY-MM-DD HH:MM:SS.mmm`: the UTC wall clock, no zone, as stored. */
export function utcTimestampText(ms: number): string {
  return new Date(Math.round(ms)).toISOString().replace('T', ' ').replace('Z', '');
}

/** Epoch milliseconds as the UTC calendar day `YYYY-MM-DD`, as DuckDB's appender stores it. */
export function utcDateText(ms: number): string {
  return new Date(Math.floor(ms / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}

function field(type: number, value: LoadValue): string {
  if (value === null) return NULL;
  if (typeof value === 'number') {
    if (type === PG_TYPE.timestamp) return utcTimestampText(value);
    if (type === PG_TYPE.date) return utcDateText(value);
    // The shortest text that reads back as the same double; NaN and ±Infinity are valid float8.
    return String(value);
  }
  if (typeof value === 'boolean' && type === PG_TYPE.bool) return value ? 't' : 'f';
  // Any other value is handed to the column type's own input function, as text.
  return escapeCopyText(String(value));
}

/**
 * Renders load rows as lines of COPY's text format for a table whose columns have the given
 * type OIDs; a row that does not fit names the table, row and column.
 */
export function copyTextEncoder(
  table: string,
  types: readonly number[],
): (row: readonly LoadValue[], index: number) => string {
  return (row, index) => {
    if (row.length !== types.length) {
      throw new EngineError(
        `append to ${table}: row ${index} has ${row.length} values, table has ${types.length} columns`,
        '',
      );
    }
    let line = '';
    for (let i = 0; i < types.length; i++) {
      try {
        line += (i === 0 ? '' : '\t') + field(types[i]!, row[i]!);
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new EngineError(`append to ${table}: row ${index}, column ${i + 1}: ${reason}`, '', {
          cause,
        });
      }
    }
    return `${line}\n`;
  };
}
