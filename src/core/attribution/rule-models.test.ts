import { describe, expect, it } from 'vitest';
import { creditJourney, positionWeight, RULE_MODELS } from './rule-models.js';
import { DAY_MS, inLookbackWindow } from './lookback-window.js';

describe('rule-based models', () => {
  const journey = [
    { touchpointId: 'b', occurredAt: 10 },
    { touchpointId: 'c', occurredAt: 30 },
    { touchpointId: 'a', occurredAt: 10 },
  ];

  it('breaks ties on equal times by touchpoint id', () => {
    expect(creditJourney('first_touch', journey)).toEqual([{ touchpointId: 'a', fraction: 1 }]);
    expect(creditJourney('last_touch', journey)).toEqual([{ touchpointId: 'c', fraction: 1 }]);
  });

  it('splits linear credit evenly', () => {
    expect(creditJourney('linear', journey).map((c) => c.fraction)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it('gives every journey length credits summing to 1 under every model', () => {
    for (const model of RULE_MODELS) {
      for (let n = 1; n <= 50; n++) {
        let sum = 0;
        for (let p = 1; p <= n; p++) sum += positionWeight(model, p, n);
        expect(sum).toBeCloseTo(1, 12);
      }
    }
  });

  it('credits a single touch fully under every model', () => {
    for (const model of RULE_MODELS)
      expect(creditJourney(model, [{ touchpointId: 'x', occurredAt: 0 }])).toEqual([
        { touchpointId: 'x', fraction: 1 },
      ]);
  });
});

describe('lookback window', () => {
  const conversion = Date.UTC(2026, 3, 1);
  it('includes both ends', () => {
    expect(inLookbackWindow(conversion, conversion, 90)).toBe(true);
    expect(inLookbackWindow(conversion - 90 * DAY_MS, conversion, 90)).toBe(true);
  });
  it('excludes a touch a millisecond outside either end', () => {
    expect(inLookbackWindow(conversion + 1, conversion, 90)).toBe(false);
    expect(inLookbackWindow(conversion - 90 * DAY_MS - 1, conversion, 90)).toBe(false);
  });
});
