import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../core/values/parse-timestamp.js';
import { DEMO_END, DEMO_START, dayIndex, isoNaive, isoUtc, isoWithOffset } from './demo-clock.js';

describe('demo clock', () => {
  it('covers the year before the anchor', () => {
    expect(isoUtc(DEMO_START)).toBe('2025-01-01T00:00:00Z');
    expect(isoUtc(DEMO_END)).toBe('2026-01-01T00:00:00Z');
    expect(dayIndex(DEMO_START)).toBe(0);
    expect(dayIndex(DEMO_END - 1)).toBe(364);
  });

  it('writes local offsets with daylight saving, naming the same instant', () => {
    const winter = Date.UTC(2025, 0, 15, 12);
    const summer = Date.UTC(2025, 6, 15, 12);
    expect(isoWithOffset(winter, 'us_eastern')).toBe('2025-01-15T07:00:00-05:00');
    expect(isoWithOffset(summer, 'us_eastern')).toBe('2025-07-15T08:00:00-04:00');
    expect(isoWithOffset(winter, 'central_europe')).toBe('2025-01-15T13:00:00+01:00');
    expect(isoWithOffset(summer, 'central_europe')).toBe('2025-07-15T14:00:00+02:00');
    // US clocks went forward on 2025-03-09 at 02:00 EST (07:00Z); Europe on 2025-03-30 at 01:00Z.
    expect(isoWithOffset(Date.UTC(2025, 2, 9, 6, 59), 'us_eastern')).toBe(
      '2025-03-09T01:59:00-05:00',
    );
    expect(isoWithOffset(Date.UTC(2025, 2, 9, 7, 0), 'us_eastern')).toBe(
      '2025-03-09T03:00:00-04:00',
    );
    expect(isoWithOffset(Date.UTC(2025, 2, 30, 1, 0), 'central_europe')).toBe(
      '2025-03-30T03:00:00+02:00',
    );
    for (const ms of [winter, summer]) {
      expect(parseTimestamp(isoWithOffset(ms, 'us_eastern'))).toBe(ms);
      expect(parseTimestamp(isoWithOffset(ms, 'central_europe'))).toBe(ms);
    }
  });

  it('writes zone-less timestamps that the loader reads as UTC', () => {
    const ms = Date.UTC(2025, 4, 6, 7, 8, 9);
    expect(isoNaive(ms)).toBe('2025-05-06T07:08:09');
    expect(isoNaive(ms, ' ')).toBe('2025-05-06 07:08:09');
    expect(parseTimestamp(isoNaive(ms, ' '))).toBe(ms);
  });
});
