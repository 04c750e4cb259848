import { describe, expect, it } from 'vitest';
import { parseDate, parseTimestamp } from './parse-timestamp.js';

const year = (ms: number | null) => (ms === null ? null : new Date(ms).getUTCFullYear());

describe('parseTimestamp', () => {
  it('reads years 0000–0099 as written, not as 1900–1999', () => {
    expect(year(parseTimestamp('0099-06-01T00:00:00Z'))).toBe(99);
    expect(year(parseTimestamp('0000-01-01T00:00:00Z'))).toBe(0);
    expect(year(parseDate('0042-12-31'))).toBe(42);
    expect(new Date(parseTimestamp('0099-06-01T12:34:56.789Z') as number).toISOString()).toBe(
      '0099-06-01T12:34:56.789Z',
    );
    expect(parseTimestamp('2026-03-01T10:00:00Z')).toBe(Date.UTC(2026, 2, 1, 10));
  });

  it('refuses offsets no zone has, keeps the ones in use', () => {
    for (const bad of ['+25:00', '+24:00', '-15:00', '+14:01', '+05:60', '+9999'])
      expect(parseTimestamp(`2026-03-01T10:00:00${bad}`), bad).toBeNull();
    expect(parseTimestamp('2026-03-01T10:00:00+14:00')).toBe(Date.UTC(2026, 2, 0, 20));
    expect(parseTimestamp('2026-03-01T10:00:00-12:00')).toBe(Date.UTC(2026, 2, 1, 22));
    expect(parseTimestamp('2026-03-01T10:00:00+0530')).toBe(Date.UTC(2026, 2, 1, 4, 30));
  });

  it('still refuses days a month does not have, in every century', () => {
    expect(parseTimestamp('2024-02-30T00:00:00Z')).toBeNull();
    expect(parseDate('0100-02-29')).toBeNull(); // not a leap year
    expect(year(parseDate('0004-02-29'))).toBe(4);
  });
});
