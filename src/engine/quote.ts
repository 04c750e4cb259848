/**
 * The one place SQL quoting happens. Every identifier or literal that did not come from our own
 * source code (a user's column, channel or segment name) is rendered through these two functions.
 * Both forms are standard SQL and mean the same in DuckDB and in PostgreSQL (with
 * standard_conforming_strings on, its default since 9.1).
 */
export function quoteIdentifier(name: string): string {
  assertNoNul(name);
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot render ${value} as a SQL literal`);
    return String(value);
  }
  assertNoNul(value);
  return `'${value.replaceAll("'", "''")}'`;
}

// A NUL byte ends a C string inside either engine's parser: refuse it rather than truncate.
function assertNoNul(text: string): void {
  if (text.includes('\u0000')) throw new RangeError('SQL text may not contain a NUL character');
}
