import pg from 'pg';

// Type OIDs of PostgreSQL's catalog (pg_type), stable across versions.
export const PG_TYPE = {
  bool: 16,
  int8: 20,
  int4: 23,
  text: 25,
  float8: 701,
  varchar: 1043,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
} as const;

const TIMESTAMP = /^(\d{4,})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?)?( BC)?$/;

/**
 * A `timestamp` (without zone) or `date` as the UTC instant it names, the way DuckDB hands them
 * back; node-pg's default reads them in the process's local zone. Microseconds are cut to
 * milliseconds, as DuckDB's conversion to Date does. `infinity` stays text: no Date holds it.
 */
export function parseUtcTimestamp(text: string): Date | string {
  const m = TIMESTAMP.exec(text);
  if (!m) return text;
  const [, y = '0', mo = '1', d = '1', h = '0', mi = '0', s = '0', frac = '', bc] = m;
  const year = bc ? 1 - Number(y) : Number(y);
  const date = new Date(0);
  date.setUTCFullYear(year, Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  return date;
}

/** int8 as a number when it fits exactly, else a bigint: DuckDB's engine does the same. */
export function parseInt8(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

/**
 * numeric (PostgreSQL's SUM of int8, AVG, EXTRACT) as DuckDB returns its HUGEINT and DECIMAL:
 * a whole number as parseInt8 does, a fraction as a double.
 */
export function parseNumeric(text: string): number | bigint {
  return /^-?\d+$/.test(text) ? parseInt8(text) : Number(text);
}

/**
 * The parsers of one client (never node-pg's global table, which other code in the process
 * may rely on): results come back as the DuckDB engine returns them, so stages and reports see
 * the same JavaScript values whatever the engine.
 */
export function postgresTypeParsers(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(PG_TYPE.int8, parseInt8);
  types.setTypeParser(PG_TYPE.numeric, parseNumeric);
  types.setTypeParser(PG_TYPE.float8, Number);
  types.setTypeParser(PG_TYPE.timestamp, parseUtcTimestamp);
  types.setTypeParser(PG_TYPE.date, parseUtcTimestamp);
  return types;
}
