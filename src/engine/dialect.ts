/** Column types the canonical schema uses; each dialect names them in its own SQL. */
export type ColumnType =
  'text' | 'timestamp' | 'date' | 'double' | 'boolean' | 'integer' | 'bigint';

/**
 * Renders the SQL that differs between engines. Stages and builders ask the dialect; they never
 * test which engine they run on. Anything that is the same in every engine stays plain SQL.
 */
export interface Dialect {
  /** For messages and run records only: never branch on it. */
  readonly name: string;
  quoteIdentifier(name: string): string;
  quoteLiteral(value: string | number | boolean | null): string;
  columnType(type: ColumnType): string;
  /** `expr` shifted back by a whole number of days (`days` is SQL text of an integer). */
  minusDays(expr: string, days: string): string;
  /** Seconds between two timestamps, as a double (later minus earlier). */
  secondsBetween(later: string, earlier: string): string;
  /** An ORDER BY key on text that sorts by bytes, whatever the database's collation. */
  byteOrder(expr: string): string;
  /** First 16 hex digits of the MD5 of a text expression: a stable short id. */
  shortHash(expr: string): string;
}
