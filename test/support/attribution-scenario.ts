import type { RawAttribution } from '../../src/adapters/config/raw-attribution.js';
import { memoryConfig } from './memory-sources.js';

/** Definitions and models of the hand-computed attribution scenario (attribution-engine.test.ts). */
export const SCENARIO_ATTRIBUTION: RawAttribution = {
  lookback_days: 7,
  models: [
    'first_touch',
    'last_touch',
    'linear',
    'last_non_direct',
    'time_decay',
    'position_based',
    'w_shaped',
    {
      name: 'linear_demo_x3',
      kind: 'linear',
      weights: { event_type: { 'chat.demo.requested': 3, 'webinar.attended': 2 } },
    },
    { name: 'linear_tiers', kind: 'linear', conversation_tiers: true },
  ],
  conversions: [
    'order',
    { name: 'orders_next', outcome: 'order', cycle: 'next_only' },
    {
      name: 'chat_only',
      outcome: 'order',
      eligible: { touchpoint_types: ['conversation'], two_way: true },
    },
    'ticket_deflected',
    'qualified_lead',
    { name: 'demo', outcome: 'custom', event_type: 'chat.demo.requested', value: 10 },
  ],
};

const a = 'ann@example.com';
const touch = (
  id: string,
  at: string,
  type: string,
  channel: string,
  email: string,
  event?: string,
) => ({
  touchpoint_id: id,
  occurred_at: at,
  touchpoint_type: type,
  channel,
  email,
  ...(event ? { event_type: event } : {}),
});

/**
 * Ann: m1 (email, 1 Mar), m2 (direct) and s1 (outbound call) at one instant on 5 Mar, chat c1 on
 * 8 Mar 10:00–10:20 (two-way; demo requested, lead qualified at 10:05), m3 (webinar attended,
 * 9 Mar), m4 (20 Mar, after everything). Her order o1 (8 Mar 10:40) carries c1; o2 (10 Mar) does
 * not; ticket tk1 (9 Mar 12:00) was deflected in c1. Cy's order o3 carries Bea's one-way chat c2
 * of 1 Feb, far outside any window. Dan's orders o4 and o5 share an instant with his touch d2;
 * d1 is the day before. `late` adds Ann's order o6 (9 Mar 12:00), arriving on a later run.
 */
export function attributionScenario(options: { late?: boolean } = {}) {
  return memoryConfig(
    {
      touches: {
        kind: 'touchpoints',
        rows: [
          touch('m1', '2026-03-01T00:00:00Z', 'marketing', 'email', a),
          touch('m2', '2026-03-05T00:00:00Z', 'marketing', 'direct', a),
          touch('s1', '2026-03-05T00:00:00Z', 'sales', 'outbound_call', a),
          touch('m3', '2026-03-09T00:00:00Z', 'marketing', 'webinar', a, 'webinar.attended'),
          touch('m4', '2026-03-20T00:00:00Z', 'marketing', 'email', a),
          touch('d1', '2026-03-09T00:00:00Z', 'marketing', 'email', 'dan@example.com'),
          touch('d2', '2026-03-10T00:00:00Z', 'marketing', 'paid_search', 'dan@example.com'),
        ],
      },
      conversations: {
        kind: 'conversations',
        rows: [
          {
            conversation_id: 'c1',
            channel: 'chat',
            started_at: '2026-03-08T10:00:00Z',
            ended_at: '2026-03-08T10:20:00Z',
            two_way: 'true',
            email: a,
            anonymous_id: 'anon-ann',
          },
          {
            conversation_id: 'c2',
            channel: 'bot',
            started_at: '2026-02-01T09:00:00Z',
            ended_at: '2026-02-01T09:05:00Z',
            two_way: 'false',
            email: 'bea@example.com',
          },
        ],
      },
      events: {
        kind: 'conversation_events',
        rows: [
          {
            event_id: 'e1',
            event_type: 'chat.demo.requested',
            occurred_at: '2026-03-08T10:02:00Z',
            conversation_id: 'c1',
          },
          {
            event_id: 'e2',
            event_type: 'chat.lead.qualified',
            occurred_at: '2026-03-08T10:05:00Z',
            conversation_id: 'c1',
          },
        ],
      },
      orders: {
        kind: 'orders',
        rows: [
          {
            order_id: 'o1',
            placed_at: '2026-03-08T10:40:00Z',
            amount: '100',
            email: a,
            conversation_id: 'c1',
          },
          { order_id: 'o2', placed_at: '2026-03-10T00:00:00Z', amount: '200', email: a },
          {
            order_id: 'o3',
            placed_at: '2026-03-10T00:00:00Z',
            amount: '50',
            email: 'cy@example.com',
            conversation_id: 'c2',
          },
          {
            order_id: 'o4',
            placed_at: '2026-03-10T00:00:00Z',
            amount: '40',
            email: 'dan@example.com',
          },
          {
            order_id: 'o5',
            placed_at: '2026-03-10T00:00:00Z',
            amount: '60',
            email: 'dan@example.com',
          },
        ],
      },
      ...(options.late
        ? {
            orders_late: {
              kind: 'orders' as const,
              rows: [{ order_id: 'o6', placed_at: '2026-03-09T12:00:00Z', amount: '30', email: a }],
            },
          }
        : {}),
      tickets: {
        kind: 'tickets',
        rows: [
          {
            ticket_id: 'tk1',
            created_at: '2026-03-09T12:00:00Z',
            conversation_id: 'c1',
            deflected: 'true',
            cost: '5',
          },
          {
            ticket_id: 'tk2',
            created_at: '2026-03-09T12:00:00Z',
            email: a,
            deflected: 'false',
            cost: '7',
          },
        ],
      },
    },
    SCENARIO_ATTRIBUTION,
  );
}
