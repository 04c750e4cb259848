import { memoryConfig } from './memory-sources.js';

/**
 * A small world for the metrics reports, every figure computed by hand in metrics.test.ts.
 *
 * People: Ann (contact c1, VP Marketing) and Bob (c2, Data Analyst) of account A (SMB, retail);
 * Cy (c3, Head of Support) of account B (enterprise, software); a shopper on no account.
 * Conversations: k1 Ann chat (qualified lead, demo) · k2 shopper bot support complaint, resolved,
 * ticket deflected · k3 Cy SMS, no reply · k4 Bob call (qualified lead) · k5 shopper chat, cart
 * recovery, order o2 · k6 shopper form, late in June (it moves the data's horizon).
 * Outcomes: opp1 of A created 5 Mar, won 1 Apr (1000); opp2 of B created and lost before any
 * conversation; o0 (200) before any touch, o2 (80) on k5.
 */
export function metricsScenario() {
  return memoryConfig({
    accounts: {
      kind: 'accounts',
      rows: [
        { account_id: 'A', name: 'Acme', segment: 'SMB', industry: 'retail' },
        { account_id: 'B', name: 'Bolt', segment: 'enterprise', industry: 'software' },
      ],
    },
    contacts: {
      kind: 'contacts',
      rows: [
        { contact_id: 'c1', account_id: 'A', email: 'ann@a.example', title: 'VP Marketing' },
        { contact_id: 'c2', account_id: 'A', email: 'bob@a.example', title: 'Data Analyst' },
        { contact_id: 'c3', account_id: 'B', email: 'cy@b.example', title: 'Head of Support' },
      ],
    },
    marketing: {
      kind: 'touchpoints',
      constants: { touchpoint_type: 'marketing' },
      rows: [
        {
          touchpoint_id: 'm1',
          occurred_at: '2026-03-01T09:00:00Z',
          channel: 'email',
          campaign: 'spring',
          crm_contact_id: 'c1',
        },
        {
          touchpoint_id: 'm2',
          occurred_at: '2026-03-19T08:00:00Z',
          channel: 'paid_search',
          campaign: 'brand',
          email: 'shopper@x.example',
        },
      ],
    },
    conversations: {
      kind: 'conversations',
      rows: [
        {
          conversation_id: 'k1',
          channel: 'chat',
          started_at: '2026-03-02T10:00:00Z',
          conversation_type: 'pre_purchase',
          flow: 'team:sdr',
          agent_id: 'agt1',
          disposition: 'qualified',
          two_way: 'true',
          sales_handled: 'true',
          first_response_seconds: '30',
          cost: '5',
          intent: 'pricing',
          sentiment: '0.5',
          crm_contact_id: 'c1',
        },
        {
          conversation_id: 'k2',
          channel: 'bot',
          started_at: '2026-03-03T14:00:00Z',
          conversation_type: 'general_support',
          flow: 'bot:help',
          disposition: 'support',
          two_way: 'true',
          resolved_by_bot: 'true',
          first_response_seconds: '1',
          csat: '4',
          cost: '0.2',
          intent: 'track_order',
          sentiment: '-0.5',
          email: 'shopper@x.example',
        },
        {
          conversation_id: 'k3',
          channel: 'sms',
          started_at: '2026-03-04T09:00:00Z',
          conversation_type: 'proactive',
          flow: 'bot:welcome',
          disposition: 'no_intent',
          two_way: 'false',
          cost: '0.12',
          crm_contact_id: 'c3',
        },
        {
          conversation_id: 'k4',
          channel: 'voice',
          started_at: '2026-03-10T16:00:00Z',
          conversation_type: 'product_recommendation',
          flow: 'team:care',
          agent_id: 'agt2',
          disposition: 'qualified',
          two_way: 'true',
          sales_handled: 'false',
          first_response_seconds: '400',
          csat: '2',
          cost: '3',
          intent: 'plan_fit',
          crm_contact_id: 'c2',
        },
        {
          conversation_id: 'k5',
          channel: 'chat',
          started_at: '2026-03-20T12:00:00Z',
          conversation_type: 'cart_recovery',
          flow: 'bot:cart',
          disposition: 'qualified',
          two_way: 'true',
          first_response_seconds: '2',
          csat: '5',
          cost: '0.1',
          intent: 'complete_checkout',
          email: 'shopper@x.example',
        },
        {
          conversation_id: 'k6',
          channel: 'form',
          started_at: '2026-06-30T08:00:00Z',
          conversation_type: 'general_support',
          flow: 'form:contact_us',
          disposition: 'no_intent',
          two_way: 'false',
          cost: '0.05',
          email: 'shopper@x.example',
        },
      ],
    },
    events: {
      kind: 'conversation_events',
      rows: [
        {
          event_id: 'e1',
          event_type: 'chat.lead.qualified',
          occurred_at: '2026-03-02T10:05:00Z',
          conversation_id: 'k1',
        },
        {
          event_id: 'e2',
          event_type: 'chat.demo.requested',
          occurred_at: '2026-03-02T10:06:00Z',
          conversation_id: 'k1',
        },
        {
          event_id: 'e3',
          event_type: 'chat.conversation.resolved',
          occurred_at: '2026-03-03T14:05:00Z',
          conversation_id: 'k2',
        },
        {
          event_id: 'e4',
          event_type: 'chat.lead.qualified',
          occurred_at: '2026-03-10T16:10:00Z',
          conversation_id: 'k4',
        },
      ],
    },
    tickets: {
      kind: 'tickets',
      rows: [
        {
          ticket_id: 'tk1',
          created_at: '2026-03-03T14:01:00Z',
          channel: 'bot',
          conversation_id: 'k2',
          deflected: 'true',
          cost: '0.5',
        },
        {
          ticket_id: 'tk2',
          created_at: '2026-03-05T10:00:00Z',
          channel: 'email',
          deflected: 'false',
          cost: '10',
          email: 'shopper@x.example',
        },
      ],
    },
    opportunities: {
      kind: 'opportunities',
      rows: [
        {
          opportunity_id: 'opp1',
          account_id: 'A',
          contact_id: 'c1',
          amount: '1000',
          stage: 'closed_won',
          created_at: '2026-03-05T00:00:00Z',
          closed_at: '2026-04-01T00:00:00Z',
          is_won: 'true',
        },
        {
          opportunity_id: 'opp2',
          account_id: 'B',
          contact_id: 'c3',
          amount: '500',
          stage: 'closed_lost',
          created_at: '2026-01-10T00:00:00Z',
          closed_at: '2026-02-01T00:00:00Z',
          is_won: 'false',
        },
      ],
    },
    orders: {
      kind: 'orders',
      rows: [
        {
          order_id: 'o0',
          placed_at: '2026-02-01T00:00:00Z',
          amount: '200',
          product_category: 'bags',
          email: 'shopper@x.example',
        },
        {
          order_id: 'o2',
          placed_at: '2026-03-20T12:10:00Z',
          amount: '80',
          product_category: 'shoes',
          conversation_id: 'k5',
          email: 'shopper@x.example',
        },
      ],
    },
    spend: {
      kind: 'spend',
      rows: [
        { day: '2026-03-01', channel: 'email', campaign: 'spring', amount: '20' },
        { day: '2026-03-19', channel: 'paid_search', campaign: 'brand', amount: '30' },
        { day: '2026-03-02', channel: 'paid_social', campaign: 'promo', amount: '15' },
      ],
    },
  });
}
