import { describe, expect, it } from 'vitest';
import { correctEventTime } from './correct-event-time.js';

const HOUR = 3_600_000;
const received = Date.UTC(2026, 2, 1, 12);

describe('correctEventTime', () => {
  it('moves a device time onto the receiver clock within the bound', () => {
    const sent = received - 2 * HOUR; // the device is 2 h behind
    expect(correctEventTime(sent - 30_000, sent, received, true, 24 * HOUR)).toEqual({
      occurredAt: received - 30_000,
      clock: 'corrected',
      skewMs: 2 * HOUR,
    });
  });

  it('keeps the time and flags it when the skew is past the bound, either way', () => {
    for (const sent of [Date.UTC(-5947, 0, 1), received + 25 * HOUR]) {
      const t = sent - 1_000;
      const out = correctEventTime(t, sent, received, true, 24 * HOUR);
      expect(out).toEqual({ occurredAt: t, clock: 'skew_out_of_bounds', skewMs: received - sent });
    }
  });
});
