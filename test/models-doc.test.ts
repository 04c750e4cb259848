// The worked examples of docs/models.md, computed by the core functions: if a number in the
// document changes, this test says which.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/adapters/config/load-config.js';
import { coalitionShapley } from '../src/core/attribution/coalition-shapley.js';
import {
  conversationRevenueShare,
  MINUTE_MS,
} from '../src/core/attribution/conversation-revenue-tiers.js';
import { creditTouches } from '../src/core/attribution/credit-touches.js';
import { DAY_MS } from '../src/core/attribution/lookback-window.js';
import { markovAttribution } from '../src/core/attribution/markov-attribution.js';
import type { CreditableTouch, ModelSpec } from '../src/core/attribution/model-spec.js';
import { pathShapleyCredits } from '../src/core/attribution/path-shapley.js';
import { applyPathTransforms } from '../src/core/attribution/path-transforms.js';

const AT = Date.UTC(2026, 2, 20);
// The journey of the document: four touches before a 1,000 order.
const JOURNEY: CreditableTouch[] = [
  { touchpointId: 't1', occurredAt: AT - 10 * DAY_MS, channel: 'paid_search' },
  { touchpointId: 't2', occurredAt: AT - 6 * DAY_MS, channel: 'email', createsLead: true },
  {
    touchpointId: 't3',
    occurredAt: AT - 2 * DAY_MS,
    channel: 'chat',
    touchType: 'conversation',
    createsOpportunity: true,
  },
  { touchpointId: 't4', occurredAt: AT, channel: 'direct' },
];
const shares = (spec: ModelSpec) =>
  creditTouches(spec, JOURNEY, AT).map((c) => Math.round(c.fraction * 10_000) / 10_000);

describe('the worked examples of docs/models.md', () => {
  it('rule models on the four-touch journey', () => {
    expect(shares({ kind: 'first_touch' })).toEqual([1, 0, 0, 0]);
    expect(shares({ kind: 'last_touch' })).toEqual([0, 0, 0, 1]);
    expect(shares({ kind: 'last_non_direct' })).toEqual([0, 0, 1, 0]);
    expect(shares({ kind: 'linear' })).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(shares({ kind: 'time_decay', halfLifeDays: 7 })).toEqual([
      0.1354, 0.2012, 0.299, 0.3644,
    ]);
    expect(shares({ kind: 'position_based' })).toEqual([0.4, 0.1, 0.1, 0.4]);
    expect(shares({ kind: 'w_shaped' })).toEqual([0.3, 0.3, 0.3, 0.1]);
    expect(shares({ kind: 'linear', multipliers: { byTouchType: { conversation: 3 } } })).toEqual([
      0.1667, 0.1667, 0.5, 0.1667,
    ]);
  });

  it('ties break by touchpoint id', () => {
    const tied = [
      { touchpointId: 'b', occurredAt: AT - DAY_MS, channel: 'email' },
      { touchpointId: 'a', occurredAt: AT - DAY_MS, channel: 'chat' },
    ];
    expect(creditTouches({ kind: 'last_touch' }, tied, AT)).toEqual([
      { touchpointId: 'a', fraction: 0 },
      { touchpointId: 'b', fraction: 1 },
    ]);
  });

  it('conversation revenue tiers', () => {
    const chat = { startedAt: AT, endedAt: AT + 20 * MINUTE_MS };
    expect(conversationRevenueShare(chat, AT + 10 * MINUTE_MS)).toBe(1);
    expect(conversationRevenueShare(chat, AT + 45 * MINUTE_MS)).toBe(0.9);
    expect(conversationRevenueShare(chat, AT + 320 * MINUTE_MS)).toBe(0.6);
    expect(conversationRevenueShare(chat, AT + 3 * DAY_MS)).toBe(0.3);
    expect(conversationRevenueShare(chat, AT + 8 * DAY_MS)).toBe(0);
  });

  // A > B converts, A alone does not, B converts once out of two (the two-channel example).
  const PATHS = [
    { path: 'A', conversions: 0, nonConversions: 1, revenue: 0 },
    { path: 'A > B', conversions: 1, nonConversions: 0, revenue: 100 },
    { path: 'B', conversions: 1, nonConversions: 1, revenue: 50 },
  ];

  it('Markov removal effects of order 1 and 2', () => {
    const one = markovAttribution(PATHS, { order: 1 }).channels;
    expect(one.map((c) => c.removalEffect)).toEqual(
      [1 / 3, 1].map((x): unknown => expect.closeTo(x, 12)),
    );
    expect(one.map((c) => c.conversions)).toEqual(
      [0.5, 1.5].map((x): unknown => expect.closeTo(x, 12)),
    );
    const two = markovAttribution(PATHS, { order: 2 }).channels;
    expect(two.map((c) => c.removalEffect)).toEqual(
      [0.5, 1].map((x): unknown => expect.closeTo(x, 12)),
    );
    expect(two.map((c) => c.revenue)).toEqual([60, 90].map((x): unknown => expect.closeTo(x, 9)));
  });

  it('path Shapley and coalition Shapley', () => {
    const path = pathShapleyCredits(PATHS).find((p) => p.path === 'A > B');
    expect(path?.credits.map((c) => c.fraction)).toEqual(
      [1 / 3, 2 / 3].map((x): unknown => expect.closeTo(x, 12)),
    );
    expect(coalitionShapley(PATHS).map((c) => c.credit)).toEqual(
      [0.5, 1.5].map((x): unknown => expect.closeTo(x, 12)),
    );
  });

  it('path transforms', () => {
    const path = ['D', 'A', 'B', 'B', 'C', 'D', 'C', 'C'];
    expect(applyPathTransforms(path, [{ kind: 'exposure' }]).join(' ')).toBe('D A B C D C');
    expect(applyPathTransforms(path, [{ kind: 'first' }]).join(' ')).toBe('D A B C');
    expect(applyPathTransforms(path, [{ kind: 'frequency' }]).join(' ')).toBe(
      'D(2) A(1) B(2) C(3)',
    );
    expect(applyPathTransforms(path, [{ kind: 'remove_if_not_all', channel: 'D' }]).join(' ')).toBe(
      'A B B C C C',
    );
  });
});

describe('the configuration example of docs/models.md', () => {
  it('is a valid config', () => {
    const doc = readFileSync(fileURLToPath(new URL('../docs/models.md', import.meta.url)), 'utf8');
    const yaml = /## Configuration\n\n```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const config = parseConfig(
      `${yaml}sources:\n  - { name: t, kind: touchpoints, path: t.csv }\n`,
      'models.md',
      '/project',
    );
    expect(config.attribution.models.map((m) => m.name)).toEqual(['first_touch', 'linear']);
    expect(config.attribution.dataDriven?.map((m) => m.name)).toEqual([
      'markov',
      'markov_2_value',
      'shapley_path',
      'shapley_coalition',
      'markov_first',
      'shapley_path_no_direct',
    ]);
  });
});
