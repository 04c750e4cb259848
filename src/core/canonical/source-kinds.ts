/**
 * The canonical record kinds a source can feed, and their fields. One definition serves the
 * config schema (which kinds and fields exist), the loader (how each raw value is parsed) and
 * the migrations (the columns of each landing table), so the three never drift apart.
 */
export type FieldType = 'text' | 'timestamp' | 'date' | 'amount' | 'number' | 'boolean';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  /** A record without this field cannot be loaded. */
  readonly required?: boolean;
  /** Inclusive bounds for `number` fields. */
  readonly min?: number;
  readonly max?: number;
}

const text = (name: string, required = false): FieldSpec => ({ name, type: 'text', required });
const time = (name: string, required = false): FieldSpec => ({ name, type: 'timestamp', required });
const amount = (name: string, required = false): FieldSpec => ({ name, type: 'amount', required });
const flag = (name: string): FieldSpec => ({ name, type: 'boolean' });
const num = (name: string, min?: number, max?: number): FieldSpec => ({
  name,
  type: 'number',
  ...(min === undefined ? {} : { min }),
  ...(max === undefined ? {} : { max }),
});

/** Identifier fields any record may carry; every pair on one record is an identity edge. */
export const IDENTIFIER_FIELDS = [
  'anonymous_id',
  'user_id',
  'email',
  'phone',
  'crm_contact_id',
] as const;
export type IdentifierType = (typeof IDENTIFIER_FIELDS)[number];
const identifiers: FieldSpec[] = IDENTIFIER_FIELDS.map((f) => text(f));

/**
 * Keys besides conversation_id that link an outcome directly to a conversation whose events
 * carry the same value, in order of precedence (conversation_id comes first). Migration 15 added
 * them to orders, opportunities (and booking_reference to conversation_events), last in each kind.
 */
export const LINK_KEYS = ['correlation_id', 'session_id', 'booking_reference'] as const;
export type LinkKey = (typeof LINK_KEYS)[number];

/** The landing tables migration 15 rebuilt with the link keys (see LINK_KEYS). */
export const LINK_KEY_KINDS = ['orders', 'opportunities', 'conversation_events'] as const;

export const SOURCE_KINDS = {
  touchpoints: [
    text('touchpoint_id', true),
    time('occurred_at', true),
    text('touchpoint_type', true),
    text('channel', true),
    text('campaign'),
    text('source'),
    text('event_type'),
    text('conversation_id'),
    text('account_id'),
    ...identifiers,
  ],
  conversations: [
    text('conversation_id', true),
    text('channel', true),
    time('started_at', true),
    time('ended_at'),
    text('brand'),
    text('conversation_type'),
    text('flow'),
    text('agent_id'),
    text('disposition'),
    flag('two_way'),
    flag('sales_handled'),
    num('first_response_seconds', 0),
    flag('resolved_by_bot'),
    flag('handed_off'),
    num('csat', 1, 5),
    amount('cost'),
    text('intent'),
    num('sentiment', -1, 1),
    ...identifiers,
  ],
  conversation_events: [
    text('event_id', true),
    text('event_type', true),
    text('schema_version'),
    time('occurred_at', true),
    time('received_at'),
    text('conversation_id'),
    text('session_id'),
    text('correlation_id'),
    text('actor'),
    text('intent_label'),
    num('confidence', 0, 1),
    num('sentiment_score', -1, 1),
    text('stage'),
    text('properties'),
    ...identifiers,
    text('booking_reference'),
  ],
  accounts: [
    text('account_id', true),
    text('name'),
    text('segment'),
    text('industry'),
    text('domain'),
  ],
  contacts: [
    text('contact_id', true),
    text('account_id'),
    text('email'),
    text('phone'),
    text('first_name'),
    text('last_name'),
    text('title'),
    time('created_at'),
  ],
  opportunities: [
    text('opportunity_id', true),
    text('account_id', true),
    text('contact_id'),
    amount('amount', true),
    text('stage'),
    time('created_at', true),
    time('closed_at'),
    flag('is_won'),
    text('segment'),
    ...LINK_KEYS.map((f) => text(f)),
  ],
  orders: [
    text('order_id', true),
    time('placed_at', true),
    amount('amount', true),
    text('currency'),
    text('product_category'),
    text('conversation_id'),
    ...identifiers,
    ...LINK_KEYS.map((f) => text(f)),
  ],
  tickets: [
    text('ticket_id', true),
    time('created_at', true),
    text('channel'),
    text('conversation_id'),
    flag('deflected'),
    amount('cost'),
    ...identifiers,
  ],
  spend: [
    { name: 'day', type: 'date', required: true },
    text('channel', true),
    text('campaign'),
    amount('amount', true),
  ],
} as const satisfies Record<string, readonly FieldSpec[]>;

export type SourceKind = keyof typeof SOURCE_KINDS;
export const SOURCE_KIND_NAMES = Object.keys(SOURCE_KINDS) as SourceKind[];

export function fieldsOf(kind: SourceKind): readonly FieldSpec[] {
  return SOURCE_KINDS[kind];
}

export function isSourceKind(value: string): value is SourceKind {
  return Object.hasOwn(SOURCE_KINDS, value);
}
