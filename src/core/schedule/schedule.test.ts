import { describe, expect, it } from 'vitest';
import { nextRunAt, parseSchedule, type Schedule } from './schedule.js';

const at = (iso: string) => Date.parse(iso);
const next = (text: string, after: string) =>
  new Date(nextRunAt(parseSchedule(text) as Schedule, at(after))).toISOString();

describe('schedule', () => {
  it('reads intervals', () => {
    expect(parseSchedule('15m')).toMatchObject({ kind: 'interval', ms: 900_000 });
    expect(parseSchedule('2s')).toMatchObject({ kind: 'interval', ms: 2_000 });
    expect(next('30s', '2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:30.000Z');
  });

  it('finds the next minute of a cron expression, in UTC', () => {
    expect(next('*/15 * * * *', '2026-01-01T10:07:30Z')).toBe('2026-01-01T10:15:00.000Z');
    expect(next('0 2 * * *', '2026-01-01T02:00:00Z')).toBe('2026-01-02T02:00:00.000Z');
    // 2026-01-01 is a Thursday: the next Monday 09:30 is the 5th.
    expect(next('30 9 * * 1', '2026-01-01T00:00:00Z')).toBe('2026-01-05T09:30:00.000Z');
    expect(next('0 0 1 3 *', '2026-01-01T00:00:00Z')).toBe('2026-03-01T00:00:00.000Z');
    // Both day fields restricted: either matches (the 15th, or a Sunday — the 4th).
    expect(next('0 0 15 * 0', '2026-01-01T00:00:00Z')).toBe('2026-01-04T00:00:00.000Z');
    expect(next('0 0 * * 7', '2026-01-01T00:00:00Z')).toBe('2026-01-04T00:00:00.000Z');
  });

  it('says what is wrong with a bad schedule', () => {
    const error = (text: string) => {
      const parsed = parseSchedule(text);
      return 'error' in parsed ? parsed.error : '';
    };
    expect(error('every hour')).toMatch(/neither an interval/);
    expect(error('61 * * * *')).toMatch(/minute "61".*0-59/);
    expect(error('0s')).toMatch(/shorter/);
  });
});
