import { memoryConfig } from './memory-sources.js';

/**
 * A small world with hand-computed answers (see pipeline.test.ts): account A's contacts touch it
 * before opportunity opp1 (one touch a second outside the 90-day window, one exactly on its edge,
 * two at the same instant); account B's opportunity has no touch; a chat leads to an order that
 * carries only the conversation id; another order has no touch at all.
 */
export function b2bScenario(extra: { badOrderTime?: boolean } = {}) {
  return memoryConfig({
    accounts: {
      kind: 'accounts',
      rows: [
        { account_id: 'A', name: 'Acme', segment: 'SMB' },
        { account_id: 'B', name: 'Bolt', segment: 'enterprise' },
      ],
    },
    contacts: {
      kind: 'contacts',
      rows: [
        { contact_id: 'c1', account_id: 'A', email: 'Ann@Acme.example ' },
        { contact_id: 'c2', account_id: 'A', email: 'bob@acme.example' },
        { contact_id: 'c3', account_id: 'B', email: 'cy@bolt.example' },
      ],
    },
    marketing: {
      kind: 'touchpoints',
      constants: { touchpoint_type: 'marketing' },
      mapping: {
        touchpoint_id: 'ID',
        occurred_at: 'When',
        channel: 'Channel',
        crm_contact_id: 'Contact',
      },
      rows: [
        { ID: 't0', When: '2025-12-31T23:59:59Z', Channel: 'email', Contact: 'c1' },
        { ID: 't1', When: '2026-01-01T00:00:00Z', Channel: 'webinar', Contact: 'c1' },
        { ID: 'tp_b', When: '2026-03-01T10:00:00+00:00', Channel: 'paid_search', Contact: 'c1' },
      ],
    },
    sales: {
      kind: 'touchpoints',
      constants: { touchpoint_type: 'sales' },
      rows: [
        {
          touchpoint_id: 't2',
          occurred_at: '2026-02-01 00:00:00',
          channel: 'outbound_call',
          crm_contact_id: 'c2',
        },
        {
          touchpoint_id: 'tp_a',
          occurred_at: '2026-03-01T12:00:00+02:00',
          channel: 'email_sequence',
          email: 'BOB@acme.example',
        },
      ],
    },
    opportunities: {
      kind: 'opportunities',
      rows: [
        {
          opportunity_id: 'opp1',
          account_id: 'A',
          amount: '1000',
          created_at: '2026-04-01T00:00:00Z',
          closed_at: '2026-05-01T00:00:00Z',
          is_won: 'true',
        },
        {
          opportunity_id: 'opp2',
          account_id: 'B',
          amount: '500',
          created_at: '2026-04-01T00:00:00Z',
          is_won: 'false',
        },
      ],
    },
    conversations: {
      kind: 'conversations',
      rows: [
        {
          conversation_id: 'conv1',
          channel: 'chat',
          started_at: '2026-03-10T00:00:00Z',
          anonymous_id: 'anon1',
        },
      ],
    },
    events: {
      kind: 'conversation_events',
      rows: [
        {
          event_id: 'e1',
          event_type: 'chat.conversation.started',
          occurred_at: '2026-03-10T00:00:00Z',
          conversation_id: 'conv1',
          anonymous_id: 'anon1',
        },
        {
          event_id: 'e2',
          event_type: 'chat.lead.qualified',
          occurred_at: '2026-03-10T00:05:00Z',
          conversation_id: 'conv1',
          email: 'shopper@x.example',
        },
      ],
    },
    orders: {
      kind: 'orders',
      rows: [
        {
          order_id: 'o1',
          placed_at: extra.badOrderTime ? '2026-13-10T00:30:00Z' : '2026-03-10T00:30:00Z',
          amount: '100',
          conversation_id: 'conv1',
        },
        {
          order_id: 'o2',
          placed_at: '2026-03-11T00:00:00Z',
          amount: '50',
          email: 'nobody@x.example',
        },
      ],
    },
  });
}
