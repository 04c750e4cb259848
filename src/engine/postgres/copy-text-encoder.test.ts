import { describe, expect, it } from 'vitest';
import {
  copyTextEncoder,
  escapeCopyText,
  utcDateText,
  utcTimestampText,
} from './copy-text-encoder.js';
import { PG_TYPE } from './postgres-types.js';

describe('COPY text format', () => {
  it('escapes backslash, tab and line breaks, and nothing else', () => {
    expect(escapeCopyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(escapeCopyText('\\N')).toBe('\\\\N');
    expect(escapeCopyText(`Ümlaut — 渠道 🚀 "q" 'q'; ,`)).toBe(`Ümlaut — 渠道 🚀 "q" 'q'; ,`);
    expect(escapeCopyText('')).toBe('');
  });

  it('refuses a NUL character, which PostgreSQL text cannot hold', () => {
    expect(() => escapeCopyText('a\u0000b')).toThrow(/NUL/);
  });

  it('renders epoch milliseconds as UTC text without a zone, and days as YYYY-MM-DD', () => {
    expect(utcTimestampText(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe('2026-01-02 03:04:05.678');
    expect(utcTimestampText(Date.UTC(1969, 11, 31, 23, 59, 59, 999))).toBe(
      '1969-12-31 23:59:59.999',
    );
    expect(utcDateText(Date.UTC(2026, 1, 28))).toBe('2026-02-28');
    // A date given as an instant inside the day lands on that UTC day, as DuckDB's appender does.
    expect(utcDateText(Date.UTC(2026, 1, 28, 23, 59))).toBe('2026-02-28');
  });

  it('renders a row by column type: NULL marker, booleans, numbers that read back exactly', () => {
    const encode = copyTextEncoder('t', [
      PG_TYPE.text,
      PG_TYPE.timestamp,
      PG_TYPE.date,
      PG_TYPE.float8,
      PG_TYPE.bool,
      PG_TYPE.int4,
    ]);
    expect(
      encode(['x\ty', Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1), 0.1 + 0.2, true, 7], 1),
    ).toBe('x\\ty\t2026-01-01 00:00:00.000\t2026-01-01\t0.30000000000000004\tt\t7\n');
    expect(encode([null, null, null, null, false, null], 2)).toBe('\\N\t\\N\t\\N\t\\N\tf\t\\N\n');
  });

  it('names the table, row and column of a value it cannot render', () => {
    const encode = copyTextEncoder('orders', [PG_TYPE.text, PG_TYPE.text]);
    expect(() => encode(['ok', 'bad\u0000'], 3)).toThrow(
      /append to orders: row 3, column 2: .*NUL/,
    );
    expect(() => encode(['short'], 4)).toThrow(
      /append to orders: row 4 has 1 values, table has 2 columns/,
    );
  });
});
