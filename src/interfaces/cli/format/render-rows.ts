import type { Row } from '../../../engine/engine.js';
import { formatForMachines, formatForPeople } from './format-value.js';

export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * Renders rows as an aligned text table, RFC 4180 CSV, or a JSON array. `isMoney` overrides the
 * table's guess of which columns hold money (by their names).
 */
export function renderRows(
  rows: readonly Row[],
  format: OutputFormat,
  columns = columnsOf(rows),
  isMoney?: (column: string) => boolean,
): string {
  switch (format) {
    case 'json':
      return JSON.stringify(
        rows.map((r) => Object.fromEntries(columns.map((c) => [c, formatForMachines(r[c])]))),
        null,
        2,
      );
    case 'csv':
      return [
        columns.map(csvCell).join(','),
        ...rows.map((r) => columns.map((c) => csvCell(formatForMachines(r[c]))).join(',')),
      ].join('\n');
    case 'table':
      return renderTable(
        columns,
        rows.map((r) => columns.map((c) => formatForPeople(c, r[c], isMoney?.(c)))),
      );
  }
}

export function renderTable(
  columns: readonly string[],
  cells: readonly (readonly string[])[],
): string {
  if (cells.length === 0) return '(no rows)';
  const widths = columns.map((c, i) =>
    Math.max(c.length, ...cells.map((row) => (row[i] ?? '').length)),
  );
  const numeric = columns.map((_c, i) => cells.every((row) => /^[-\d.,%—]+$/.test(row[i] ?? '')));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join(
    '\n',
  );
}

function columnsOf(rows: readonly Row[]): string[] {
  return rows[0] ? Object.keys(rows[0]) : [];
}

export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
