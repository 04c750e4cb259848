/** A cell value as the demo writers hand it over; null and undefined are written as empty. */
export type Cell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field, quoted only when it must be (RFC 4180: comma, quote or line break). */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record with its trailing newline. */
export function csvLine(values: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < values.length; i += 1) {
    if (i > 0) line += ',';
    line += csvCell(values[i]);
  }
  return `${line}\n`;
}
