import { describe, expect, it } from 'vitest';
import { DEFAULT_CONVERSATION_TIERS } from '../../core/attribution/conversation-revenue-tiers.js';
import { ConfigError } from '../../core/errors.js';
import { parseConfig } from './load-config.js';

const SOURCES = 'sources: [{ name: a, kind: accounts, path: a.csv }]';
const parse = (attribution: string) =>
  parseConfig(`attribution:\n${attribution}\n${SOURCES}`, 'convrev.yaml', '/srv').attribution;
const problems = (attribution: string): string => {
  try {
    parse(attribution);
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the config was accepted');
};

describe('attribution settings in the config', () => {
  it('reads parameterised models with names, custom weights and tiers', () => {
    const a = parse(`  models:
    - first_touch
    - { kind: time_decay, half_life_days: 3 }
    - { kind: position_based, first_share: 0.3, last_share: 0.5 }
    - { kind: w_shaped, milestone_share: 0.25 }
    - { kind: last_non_direct, direct_channels: [direct, Organic] }
    - name: linear_demo_x3
      kind: linear
      weights: { event_type: { chat.demo.requested: 3 }, touchpoint_type: { marketing: 0.5 } }
    - { name: tiered, kind: last_touch, conversation_tiers: true }
    - name: tiered_custom
      kind: linear
      conversation_tiers: { during_session: 0.8, after_end: [{ within_minutes: 60, share: 0.5 }] }`);
    expect(a.models).toEqual([
      { name: 'first_touch', spec: { kind: 'first_touch' } },
      { name: 'time_decay', spec: { kind: 'time_decay', halfLifeDays: 3 } },
      { name: 'position_based', spec: { kind: 'position_based', firstShare: 0.3, lastShare: 0.5 } },
      { name: 'w_shaped', spec: { kind: 'w_shaped', milestoneShare: 0.25 } },
      {
        name: 'last_non_direct',
        spec: { kind: 'last_non_direct', directChannels: ['direct', 'Organic'] },
      },
      {
        name: 'linear_demo_x3',
        spec: {
          kind: 'linear',
          multipliers: {
            byEventType: { 'chat.demo.requested': 3 },
            byTouchType: { marketing: 0.5 },
          },
        },
      },
      { name: 'tiered', spec: { kind: 'last_touch', tiers: DEFAULT_CONVERSATION_TIERS } },
      {
        name: 'tiered_custom',
        spec: {
          kind: 'linear',
          tiers: { duringSession: 0.8, afterEnd: [{ withinMs: 3_600_000, share: 0.5 }] },
        },
      },
    ]);
  });

  it('reads definitions next to short forms, each with its defaults', () => {
    const a = parse(`  lookback_days: 60
  conversions:
    - order
    - { name: deal, outcome: closed_won, lookback_days: 180, cycle: next_only, level: account }
    - outcome: ticket_deflected
    - { outcome: qualified_lead, value: 50, eligible: { touchpoint_types: [conversation], two_way: true } }
    - name: demo
      outcome: custom
      event_type: chat.demo.requested
      level: account
      eligible: { channels: [chat, email], exclude_channels: [direct], event_types: [chat.demo.requested], sales_handled: false }`);
    expect(a.conversions).toEqual([
      {
        name: 'order',
        outcome: 'order',
        value: { field: 'amount' },
        valueKind: 'revenue',
        level: 'person',
        lookbackDays: 60,
        cycle: 'all_in_window',
        eligible: {},
      },
      {
        name: 'deal',
        outcome: 'closed_won',
        value: { field: 'amount' },
        valueKind: 'revenue',
        level: 'account',
        lookbackDays: 180,
        cycle: 'next_only',
        eligible: {},
      },
      {
        name: 'ticket_deflected',
        outcome: 'ticket_deflected',
        value: { field: 'cost' },
        valueKind: 'savings',
        level: 'person',
        lookbackDays: 60,
        cycle: 'all_in_window',
        eligible: {},
      },
      {
        name: 'qualified_lead',
        outcome: 'qualified_lead',
        value: { constant: 50 },
        valueKind: 'pipeline',
        level: 'person',
        lookbackDays: 60,
        cycle: 'all_in_window',
        eligible: { touchpointTypes: ['conversation'], twoWay: true },
      },
      {
        name: 'demo',
        outcome: 'custom',
        eventType: 'chat.demo.requested',
        value: { constant: 0 },
        valueKind: 'revenue',
        level: 'account',
        lookbackDays: 60,
        cycle: 'all_in_window',
        eligible: {
          channels: ['chat', 'email'],
          excludeChannels: ['direct'],
          eventTypes: ['chat.demo.requested'],
          salesHandled: false,
        },
      },
    ]);
    expect(parse('  lookback_days: 7').conversions.map((c) => [c.name, c.lookbackDays])).toEqual([
      ['order', 7],
      ['opportunity_created', 7],
      ['closed_won', 7],
    ]);
  });

  it('refuses what the schema cannot, one clear line each', () => {
    expect(problems('  models: [linear, { kind: linear }]')).toMatch(
      /attribution\.models\[1\]: model name 'linear' is already used by models\[0\]; give it a name/,
    );
    expect(
      problems('  models: [{ kind: position_based, first_share: 0.7, last_share: 0.4 }]'),
    ).toMatch(/attribution\.models\[0\]: last_share first and last shares sum above 1/);
    expect(problems('  conversions: [{ outcome: custom }]')).toMatch(
      /attribution\.conversions\[0\]: a custom outcome needs an event_type/,
    );
    expect(problems('  conversions: [{ outcome: order, value: price }]')).toMatch(
      /attribution\.conversions\[0\]\.value: order has no value field 'price' \(fields: amount; or give a number\)/,
    );
    expect(problems('  conversions: [order, { outcome: order }]')).toMatch(
      /definition name 'order' is already used by conversions\[0\]/,
    );
    expect(problems('  conversions: [{ outcome: order, event_type: x }]')).toMatch(
      /conversions\[0\]\.event_type: only a custom outcome takes an event type/,
    );
  });

  it('names the unknown key or value the schema refused', () => {
    expect(problems('  models: [{ kind: time_decay, half_life: 3 }]')).toMatch(
      /attribution\.models\[0\]: unknown property 'half_life' \(expected one of: kind, name, half_life_days,/,
    );
    expect(problems('  models: [frist_touch]')).toMatch(
      /attribution\.models\[0\]: 'frist_touch' is not one of .* \(did you mean 'first_touch'\?\)/,
    );
    expect(problems('  conversions: [{ outcome: order, cycle: once }]')).toMatch(
      /attribution\.conversions\[0\]\.cycle: 'once' is not one of all_in_window, next_only/,
    );
  });
});
