import type { TableSpec } from './table-sink.js';

const IDENTIFIERS = ['anonymous_id', 'user_id', 'email', 'phone', 'crm_contact_id'] as const;
// prettier-ignore
const ORDER_COLUMNS = [
  'order_id', 'placed_at', 'amount', 'currency', 'product_category', 'conversation_id',
  'anonymous_id', 'user_id', 'email', 'phone',
] as const;

/**
 * Every file the generator writes. Most use the canonical column names of their record kind; the
 * marketing and sales exports keep their tools' own names (convrev.yaml maps them), tickets come
 * with capitalised headers and two files with a byte-order mark, so the demo exercises the loader.
 */
// prettier-ignore
export const DEMO_TABLES = {
  accounts: {
    file: 'accounts.csv',
    format: 'csv',
    columns: ['account_id', 'name', 'segment', 'industry', 'domain'],
  },
  contacts: {
    file: 'contacts.csv',
    format: 'csv',
    bom: true,
    columns: [
      'contact_id', 'account_id', 'email', 'phone', 'first_name', 'last_name', 'title', 'created_at',
    ],
  },
  opportunities: {
    file: 'opportunities.csv',
    format: 'csv',
    columns: [
      'opportunity_id', 'account_id', 'contact_id', 'amount', 'stage', 'created_at', 'closed_at',
      'is_won', 'segment',
    ],
  },
  conversations: {
    file: 'conversations.csv',
    format: 'csv',
    columns: [
      'conversation_id', 'channel', 'started_at', 'ended_at', 'brand', 'conversation_type', 'flow',
      'agent_id', 'disposition', 'two_way', 'sales_handled', 'first_response_seconds',
      'resolved_by_bot', 'handed_off', 'csat', 'cost', 'intent', 'sentiment', ...IDENTIFIERS,
    ],
  },
  conversation_events: {
    file: 'conversation_events.jsonl',
    format: 'jsonl',
    columns: [
      'event_id', 'event_type', 'schema_version', 'occurred_at', 'received_at', 'conversation_id',
      'session_id', 'correlation_id', 'actor', 'intent_label', 'confidence', 'sentiment_score',
      'stage', 'properties', ...IDENTIFIERS,
    ],
  },
  marketing_touches: {
    file: 'marketing_touches.csv',
    format: 'csv',
    columns: [
      'marketing_touchpoint_id', 'channel_name', 'campaign', 'contact_id', 'anonymous_id', 'email',
      'marketing_touchpoint_date',
    ],
  },
  sales_outreach: {
    file: 'sales_outreach.csv',
    format: 'csv',
    columns: ['sales_touchpoint_id', 'channel_name', 'contact_id', 'sales_touchpoint_date'],
  },
  web_touches: {
    file: 'web_touches.jsonl',
    format: 'jsonl',
    columns: [
      'touchpoint_id', 'occurred_at', 'touchpoint_type', 'channel', 'campaign', 'source',
      'event_type', 'anonymous_id', 'user_id',
    ],
  },
  orders: { file: 'orders.csv', format: 'csv', columns: ORDER_COLUMNS },
  orders_late: { file: 'orders_late.csv', format: 'csv', bom: true, columns: ORDER_COLUMNS },
  tickets: {
    file: 'tickets.csv',
    format: 'csv',
    columns: [
      'ticket_id', 'created_at', 'channel', 'conversation_id', 'deflected', 'cost', ...IDENTIFIERS,
    ],
    header: [
      'Ticket_ID', 'Created_At', 'Channel', 'Conversation_ID', 'Deflected', 'Cost', 'Anonymous_ID',
      'User_ID', 'Email', 'Phone', 'CRM_Contact_ID',
    ],
  },
  spend: { file: 'spend.csv', format: 'csv', columns: ['day', 'channel', 'campaign', 'amount'] },
  identity_truth: {
    file: 'identity_truth.csv',
    format: 'csv',
    columns: ['identifier_type', 'identifier_value', 'person_key'],
  },
} as const satisfies Record<string, TableSpec>;

export type DemoTable = keyof typeof DEMO_TABLES;
export type ColumnOf<T extends DemoTable> = (typeof DEMO_TABLES)[T]['columns'][number];
