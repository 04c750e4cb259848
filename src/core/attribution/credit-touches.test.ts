import { describe, expect, it } from 'vitest';
import { prng } from './prng.test-support.js';
import { AttributionError } from './attribution-error.js';
import { creditTouches, modelCrediter } from './credit-touches.js';
import { DAY_MS } from './lookback-window.js';
import {
  MODEL_KINDS,
  validateModelSpec,
  type CreditableTouch,
  type ModelSpec,
} from './model-spec.js';

const T0 = Date.UTC(2026, 0, 1);
const touch = (
  id: string,
  day: number,
  channel = 'email',
  extra: Partial<CreditableTouch> = {},
): CreditableTouch => ({ touchpointId: id, occurredAt: T0 + day * DAY_MS, channel, ...extra });
const fractions = (spec: ModelSpec, touches: CreditableTouch[], at = T0 + 30 * DAY_MS) =>
  creditTouches(spec, touches, at).map((c) => c.fraction);

const SPECS: ModelSpec[] = [
  ...MODEL_KINDS.map((kind): ModelSpec => ({ kind })),
  { kind: 'time_decay', halfLifeDays: 0.5 },
  { kind: 'position_based', firstShare: 0.3, lastShare: 0.5 },
  { kind: 'position_based', firstShare: 0, lastShare: 0 },
  { kind: 'w_shaped', milestoneShare: 1 / 3 },
  { kind: 'linear', multipliers: { byEventType: { 'chat.demo.requested': 3 } } },
  { kind: 'first_touch', multipliers: { byTouchType: { marketing: 0 } } },
];

describe('creditTouches: hand-computed cases', () => {
  const journey = [
    touch('a', 0, 'paid'),
    touch('b', 10, 'direct'),
    touch('c', 20, 'chat'),
    touch('d', 29, 'direct'),
  ];

  it('first, last and linear', () => {
    expect(fractions({ kind: 'first_touch' }, journey)).toEqual([1, 0, 0, 0]);
    expect(fractions({ kind: 'last_touch' }, journey)).toEqual([0, 0, 0, 1]);
    expect(fractions({ kind: 'linear' }, journey)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('last non-direct skips direct touches, case-insensitively, and falls back to the last touch', () => {
    expect(fractions({ kind: 'last_non_direct' }, journey)).toEqual([0, 0, 1, 0]);
    const custom = { kind: 'last_non_direct', directChannels: ['CHAT', 'Direct'] } as const;
    expect(fractions(custom, journey)).toEqual([1, 0, 0, 0]);
    const allDirect = [touch('x', 1, 'Direct'), touch('y', 2, 'direct')];
    expect(fractions({ kind: 'last_non_direct' }, allDirect)).toEqual([0, 1]);
  });

  it('time decay halves per half-life of age', () => {
    // Ages 14, 7, 0 days, half-life 7: weights 1/4, 1/2, 1 → sum 7/4 → 1/7, 2/7, 4/7.
    const at = T0 + 14 * DAY_MS;
    const j = [touch('a', 0), touch('b', 7), touch('c', 14)];
    const f = fractions({ kind: 'time_decay' }, j, at);
    [1 / 7, 2 / 7, 4 / 7].forEach((x, i) => expect(f[i]).toBeCloseTo(x, 14));
    // Half-life 14: weights 1/2, 2^-0.5, 1 → sum 2.2071067811865475.
    const g = fractions({ kind: 'time_decay', halfLifeDays: 14 }, j, at);
    const s = 0.5 + Math.SQRT1_2 + 1;
    [0.5 / s, Math.SQRT1_2 / s, 1 / s].forEach((x, i) => expect(g[i]).toBeCloseTo(x, 14));
  });

  it('time decay survives ages that would underflow 2^-age', () => {
    // 20,000 days at half-life 1 day: 2^-20000 is 0 in doubles; the relative form keeps 1 : 0.
    const j = [touch('a', -20_000), touch('b', 0)];
    expect(fractions({ kind: 'time_decay', halfLifeDays: 1 }, j, T0)).toEqual([0, 1]);
  });

  it('position based: 40/20/40, and the documented 1- and 2-touch cases', () => {
    // 4 touches: 0.4, 0.2/2, 0.2/2, 0.4.
    expectClose(fractions({ kind: 'position_based' }, journey), [0.4, 0.1, 0.1, 0.4]);
    expectClose(fractions({ kind: 'position_based' }, journey.slice(0, 3)), [0.4, 0.2, 0.4]);
    expect(fractions({ kind: 'position_based' }, journey.slice(0, 2))).toEqual([0.5, 0.5]);
    expect(fractions({ kind: 'position_based' }, journey.slice(0, 1))).toEqual([1]);
    // 30/50 on two touches: 0.3/0.8, 0.5/0.8 = 0.375, 0.625.
    const f = fractions(
      { kind: 'position_based', firstShare: 0.3, lastShare: 0.5 },
      journey.slice(0, 2),
    );
    expectClose(f, [0.375, 0.625]);
    // 0/0 on two touches has nothing to scale: an even split.
    expect(
      fractions({ kind: 'position_based', firstShare: 0, lastShare: 0 }, journey.slice(0, 2)),
    ).toEqual([0.5, 0.5]);
  });

  it('W-shaped: three milestones 30 % each, 10 % over the rest', () => {
    const j = [
      touch('a', 0),
      touch('b', 1),
      touch('c', 2, 'chat', { createsLead: true }),
      touch('d', 3, 'sales', { createsOpportunity: true }),
      touch('e', 4),
    ];
    // 0.3, 0.05, 0.3, 0.3, 0.05: sum 1.
    expectClose(fractions({ kind: 'w_shaped' }, j), [0.3, 0.05, 0.3, 0.3, 0.05]);
  });

  it('W-shaped: missing and coinciding milestones renormalise', () => {
    // No lead, no opportunity, 3 others: 0.3 : 0.1/3 each → 0.3/0.4 = 0.75, 0.0333/0.4 = 1/12 each.
    const plain = [touch('a', 0), touch('b', 1), touch('c', 2), touch('d', 3)];
    expectClose(fractions({ kind: 'w_shaped' }, plain), [0.75, 1 / 12, 1 / 12, 1 / 12]);
    // First = lead, opportunity at c, 2 others: 0.3, 0.05, 0.3, 0.05 → sum 0.7 → 3/7, 1/14, 3/7, 1/14.
    const merged = [
      touch('a', 0, 'chat', { createsLead: true }),
      touch('b', 1),
      touch('c', 2, 'sales', { createsOpportunity: true }),
      touch('d', 3),
    ];
    expectClose(fractions({ kind: 'w_shaped' }, merged), [3 / 7, 1 / 14, 3 / 7, 1 / 14]);
    // Only milestones: 1/3 each (the 10 % has nobody to go to).
    const three = [
      touch('a', 0),
      touch('b', 1, 'c', { createsLead: true }),
      touch('c', 2, 'c', { createsOpportunity: true }),
    ];
    fractions({ kind: 'w_shaped' }, three).forEach((x) => expect(x).toBeCloseTo(1 / 3, 15));
    // Two touches, the second a lead: 1/2 each.
    expect(fractions({ kind: 'w_shaped' }, three.slice(0, 2))).toEqual([0.5, 0.5]);
    // The first flagged touch is the milestone; a later flag is an ordinary touch.
    const twice = [
      touch('a', 0),
      touch('b', 1, 'c', { createsLead: true }),
      touch('c', 2, 'c', { createsLead: true }),
    ];
    // 0.3, 0.3, 0.1 → 3/7, 3/7, 1/7.
    expectClose(fractions({ kind: 'w_shaped' }, twice), [3 / 7, 3 / 7, 1 / 7]);
  });

  it('custom weights multiply any model and renormalise', () => {
    const j = [
      touch('a', 0, 'chat', { touchType: 'conversation', eventType: 'chat.conversation.started' }),
      touch('b', 1, 'chat', { touchType: 'conversation', eventType: 'chat.demo.requested' }),
      touch('c', 2, 'email', { touchType: 'marketing' }),
    ];
    const multipliers = {
      byEventType: { 'chat.demo.requested': 3 },
      byTouchType: { marketing: 0.5 },
    };
    // Linear 1/3 each × (1, 3, 0.5) → 1 : 3 : 0.5 → 2/9, 6/9, 1/9.
    expectClose(fractions({ kind: 'linear', multipliers }, j), [2 / 9, 6 / 9, 1 / 9]);
    // Position based 0.4, 0.2, 0.4 × (1, 3, 0.5) → 0.4 : 0.6 : 0.2 → 1/3, 1/2, 1/6.
    expectClose(fractions({ kind: 'position_based', multipliers }, j), [1 / 3, 1 / 2, 1 / 6]);
    // The event type wins over the touch type: b is ×3, not ×0.
    const both = { byEventType: { 'chat.demo.requested': 3 }, byTouchType: { conversation: 0 } };
    // Linear × (0, 3, 1) → 0, 3/4, 1/4.
    expect(fractions({ kind: 'linear', multipliers: both }, j)).toEqual([0, 0.75, 0.25]);
  });

  it('custom weights that zero every credited touch fall back to the model', () => {
    const j = [
      touch('a', 0, 'paid', { touchType: 'marketing' }),
      touch('b', 1, 'chat', { touchType: 'conversation' }),
    ];
    const spec = { kind: 'first_touch', multipliers: { byTouchType: { marketing: 0 } } } as const;
    expect(fractions(spec, j)).toEqual([1, 0]);
  });

  it('ignores inherited keys of a multiplier table', () => {
    const j = [
      touch('a', 0, 'x', { eventType: 'constructor' }),
      touch('b', 1, 'y', { eventType: 'toString' }),
    ];
    expect(fractions({ kind: 'linear', multipliers: { byEventType: {} } }, j)).toEqual([0.5, 0.5]);
  });
});

describe('creditTouches: ties, order and contract', () => {
  it('orders equal instants by touchpoint id under every model', () => {
    const at = T0 + DAY_MS;
    const tied = [touch('b', 0, 'paid'), touch('a', 0, 'direct'), touch('c', 0, 'direct')];
    for (const spec of SPECS) {
      const credits = creditTouches(spec, tied, at);
      expect(credits.map((c) => c.touchpointId)).toEqual(['a', 'b', 'c']);
      // Input order does not matter.
      expect(creditTouches(spec, [...tied].reverse(), at)).toEqual(credits);
    }
    expect(fractions({ kind: 'first_touch' }, tied, at)).toEqual([1, 0, 0]);
    expect(fractions({ kind: 'last_touch' }, tied, at)).toEqual([0, 0, 1]);
    // a and c are direct: the last non-direct is b.
    expect(fractions({ kind: 'last_non_direct' }, tied, at)).toEqual([0, 1, 0]);
  });

  it('gives [] for an empty journey and 1 to a lone touch', () => {
    for (const spec of SPECS) {
      expect(creditTouches(spec, [], T0)).toEqual([]);
      expect(creditTouches(spec, [touch('x', 0)], T0)).toEqual([
        { touchpointId: 'x', fraction: 1 },
      ]);
    }
  });

  it('accepts a touch at the conversion instant and refuses one after it', () => {
    expect(fractions({ kind: 'linear' }, [touch('a', 0)], T0)).toEqual([1]);
    expect(() => creditTouches({ kind: 'linear' }, [touch('a', 0)], T0 - 1)).toThrow(
      AttributionError,
    );
  });

  it('sums to 1 over many random journeys under every model', () => {
    const rand = prng(11);
    const channels = ['direct', 'paid', 'chat', 'email', 'Direct'];
    const types = ['conversation', 'marketing', 'sales', 'support'];
    const events = ['chat.demo.requested', 'chat.conversation.started', undefined];
    const crediters = SPECS.map(modelCrediter);
    let worst = 0;
    let negative = 0;
    let wrongLength = 0;
    for (let n = 0; n < 2000; n++) {
      const len = 1 + Math.floor(rand() * 12);
      const at = T0 + 400 * DAY_MS;
      const j = Array.from({ length: len }, (_v, i) =>
        touch(
          `t${Math.floor(rand() * 20)}-${i}`,
          Math.floor(rand() * 40) * 10,
          channels[Math.floor(rand() * 5)],
          {
            touchType: types[Math.floor(rand() * 4)],
            eventType: events[Math.floor(rand() * 3)],
            createsLead: rand() < 0.2,
            createsOpportunity: rand() < 0.1,
          },
        ),
      );
      for (const credit of crediters) {
        const f = credit(j, at).map((c) => c.fraction);
        if (f.length !== len) wrongLength++;
        worst = Math.max(worst, Math.abs(f.reduce((s, x) => s + x, 0) - 1));
        if (f.some((x) => !(x >= 0))) negative++;
      }
    }
    // One assertion each at the end: 24,000 credited journeys would drown in expect() calls.
    expect(wrongLength).toBe(0);
    expect(negative).toBe(0);
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('validateModelSpec', () => {
  it('accepts the defaults and reports bad parameters with their field', () => {
    for (const kind of MODEL_KINDS) expect(validateModelSpec({ kind })).toEqual([]);
    const fields = (spec: ModelSpec) => validateModelSpec(spec).map((p) => p.location?.field);
    expect(fields({ kind: 'time_decay', halfLifeDays: 0 })).toEqual(['halfLifeDays']);
    expect(fields({ kind: 'position_based', firstShare: 0.7, lastShare: 0.4 })).toEqual([
      'lastShare',
    ]);
    expect(fields({ kind: 'position_based', firstShare: -0.1 })).toEqual(['firstShare']);
    expect(fields({ kind: 'w_shaped', milestoneShare: 0.4 })).toEqual(['milestoneShare']);
    expect(fields({ kind: 'last_non_direct', directChannels: [] })).toEqual(['directChannels']);
    expect(fields({ kind: 'linear', multipliers: { byEventType: { x: -1 } } })).toEqual([
      'multipliers.byEventType',
    ]);
    expect(fields({ kind: 'linear', multipliers: { byTouchType: { x: Infinity } } })).toEqual([
      'multipliers.byTouchType',
    ]);
    expect(() => modelCrediter({ kind: 'time_decay', halfLifeDays: -1 })).toThrow(/halfLifeDays/);
  });
});

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => expect(x).toBeCloseTo(expected[i] ?? NaN, 14));
}
