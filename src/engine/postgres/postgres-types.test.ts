import { describe, expect, it } from 'vitest';
import { describeDatabaseUrl } from './describe-database-url.js';
import { parseInt8, parseNumeric, parseUtcTimestamp } from './postgres-types.js';

describe('PostgreSQL result values, read as the DuckDB engine returns them', () => {
  it('reads timestamps without zone and dates as UTC instants', () => {
    expect(parseUtcTimestamp('2026-01-02 03:04:05.678901')).toEqual(
      new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
    );
    expect(parseUtcTimestamp('2026-01-02 03:04:05')).toEqual(
      new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    );
    expect(parseUtcTimestamp('2026-01-02')).toEqual(new Date(Date.UTC(2026, 0, 2)));
    expect((parseUtcTimestamp('0099-03-04 00:00:00') as Date).getUTCFullYear()).toBe(99);
    expect((parseUtcTimestamp('0001-01-01 00:00:00 BC') as Date).getUTCFullYear()).toBe(0);
    expect(parseUtcTimestamp('infinity')).toBe('infinity');
  });

  it('reads int8 and whole numerics as numbers while exact, as bigints beyond', () => {
    expect(parseInt8('42')).toBe(42);
    expect(parseInt8('-9007199254740991')).toBe(-9_007_199_254_740_991);
    expect(parseInt8('9007199254740992')).toBe(9_007_199_254_740_992n);
    expect(parseNumeric('123456789012345678901')).toBe(123_456_789_012_345_678_901n);
    expect(parseNumeric('2.5000000000000000')).toBe(2.5);
    expect(parseNumeric('-0.1')).toBe(-0.1);
  });
});

describe('describeDatabaseUrl', () => {
  it('hides the password, in the authority and in the query', () => {
    expect(describeDatabaseUrl('postgres://ann:s3cret@db:5432/analytics')).toBe(
      'postgres://ann:***@db:5432/analytics',
    );
    expect(describeDatabaseUrl('postgresql://db/x?sslmode=require&password=s3cret')).toBe(
      'postgresql://db/x?sslmode=require&password=***',
    );
    expect(describeDatabaseUrl('postgres://ann@db/x')).toBe('postgres://ann@db/x');
  });

  it('echoes nothing that does not parse: it may be a password pasted in the wrong place', () => {
    expect(describeDatabaseUrl('hunter2')).not.toContain('hunter2');
  });
});
