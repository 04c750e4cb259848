import { memoryConfig } from './memory-sources.js';

/** Channel, campaign and segment names that SQL text, COPY and CSV rendering get wrong if careless. */
export const AWKWARD_NAMES = {
  unicode: 'Ümlaut — 渠道',
  quotes: `O'Brien; "quoted"; DROP TABLE credits; --`,
  controls: 'tab\there\\N back\\slash\nnewline',
  emoji: 'rocket 🚀',
} as const;

const person = (n: number) => `p${n}@edge.example`;

/**
 * Hand-built edge cases, lookback 30 days: five touches at one instant whose ids sort
 * differently by bytes and by locale; touches exactly 30 days before an order (in), one
 * millisecond earlier (out), at the order's instant (in) and one millisecond after (out); an
 * order and an opportunity with no touch at all; awkward channel, campaign and segment names;
 * and, unless `withLateOrders` is false, a second order file arriving late with orders placed
 * before the first file's.
 */
export function edgeScenario(options: { withLateOrders?: boolean } = {}) {
  const tie = '2026-03-01T10:00:00.250Z';
  const tables = {
    accounts: {
      kind: 'accounts' as const,
      rows: [
        { account_id: 'ACC-Ü', name: AWKWARD_NAMES.unicode, segment: AWKWARD_NAMES.unicode },
        { account_id: "ACC-'q'", name: 'quotes', segment: AWKWARD_NAMES.quotes },
        { account_id: 'ACC-none', name: 'untouched', segment: AWKWARD_NAMES.controls },
      ],
    },
    contacts: {
      kind: 'contacts' as const,
      rows: [
        { contact_id: 'k1', account_id: 'ACC-Ü', email: person(1) },
        { contact_id: 'k2', account_id: "ACC-'q'", email: person(4) },
        { contact_id: 'k3', account_id: 'ACC-none', email: person(9) },
      ],
    },
    touches: {
      kind: 'touchpoints' as const,
      constants: { touchpoint_type: 'marketing' },
      rows: [
        // Ties: byte order is B < _ < a < b < é; a locale would put them a, b, B, é, _.
        ...['tie-b', 'tie-B', 'tie-_', 'tie-a', 'tie-é'].map((id, i) => ({
          touchpoint_id: id,
          occurred_at: tie,
          channel: Object.values(AWKWARD_NAMES)[i % 4],
          campaign: i % 2 ? AWKWARD_NAMES.emoji : null,
          email: person(1),
        })),
        // Window edges around order o-edge at 2026-04-01T12:00:00.000Z.
        {
          touchpoint_id: 'edge-in',
          occurred_at: '2026-03-02T12:00:00.000Z',
          channel: 'email',
          email: person(2),
        },
        {
          touchpoint_id: 'edge-out',
          occurred_at: '2026-03-02T11:59:59.999Z',
          channel: 'email',
          email: person(2),
        },
        {
          touchpoint_id: 'edge-same',
          occurred_at: '2026-04-01T12:00:00.000Z',
          channel: 'webinar',
          email: person(2),
        },
        {
          touchpoint_id: 'edge-after',
          occurred_at: '2026-04-01T12:00:00.001Z',
          channel: 'webinar',
          email: person(2),
        },
        // Account-level touches with awkward names, 7 ms apart.
        ...[0, 1, 2].map((i) => ({
          touchpoint_id: `acct-${i}`,
          occurred_at: new Date(Date.UTC(2026, 2, 20, 8, 0, 0, 7 * i)).toISOString(),
          channel: Object.values(AWKWARD_NAMES)[i],
          campaign: AWKWARD_NAMES.quotes,
          crm_contact_id: i === 2 ? 'k2' : 'k1',
        })),
        {
          touchpoint_id: 'late-1',
          occurred_at: '2026-02-10T09:30:00.125Z',
          channel: AWKWARD_NAMES.emoji,
          email: person(5),
        },
      ],
    },
    conversations: {
      kind: 'conversations' as const,
      rows: [
        {
          conversation_id: 'conv-Ü',
          channel: 'chat',
          started_at: '2026-03-03T08:00:00.5Z',
          anonymous_id: 'anon-1',
        },
      ],
    },
    events: {
      kind: 'conversation_events' as const,
      rows: [
        {
          event_id: 'ev1',
          event_type: 'chat.conversation.started',
          occurred_at: '2026-03-03T08:00:00.5Z',
          conversation_id: 'conv-Ü',
          anonymous_id: 'anon-1',
        },
        {
          event_id: 'ev2',
          event_type: 'chat.lead.qualified',
          occurred_at: '2026-03-03T08:01:00Z',
          conversation_id: 'conv-Ü',
          email: person(1),
        },
      ],
    },
    orders: {
      kind: 'orders' as const,
      rows: [
        { order_id: 'o-tie', placed_at: '2026-03-05T00:00:00Z', amount: '99.99', email: person(1) },
        {
          order_id: 'o-edge',
          placed_at: '2026-04-01T12:00:00.000Z',
          amount: '250.5',
          email: person(2),
        },
        { order_id: 'o-empty', placed_at: '2026-03-15T00:00:00Z', amount: '10', email: person(3) },
        {
          order_id: 'o-chat',
          placed_at: '2026-03-03T09:00:00Z',
          amount: '0.1',
          conversation_id: 'conv-Ü',
        },
      ],
    },
    orders_late: {
      kind: 'orders' as const,
      rows: [
        {
          order_id: 'late-a',
          placed_at: '2026-02-20T00:00:00Z',
          amount: '33.33',
          email: person(5),
        },
        {
          order_id: 'late-b',
          placed_at: '2026-03-01T10:00:00.250Z',
          amount: '1e3',
          email: person(1),
        },
      ],
    },
    opportunities: {
      kind: 'opportunities' as const,
      rows: [
        {
          opportunity_id: 'opp-Ü',
          account_id: 'ACC-Ü',
          amount: '1000',
          created_at: '2026-03-25T00:00:00Z',
          closed_at: '2026-04-02T00:00:00Z',
          is_won: 'true',
        },
        {
          opportunity_id: "opp-'q'",
          account_id: "ACC-'q'",
          amount: '333',
          created_at: '2026-03-21T00:00:00Z',
          segment: AWKWARD_NAMES.emoji,
        },
        {
          opportunity_id: 'opp-none',
          account_id: 'ACC-none',
          amount: '777',
          created_at: '2026-03-21T00:00:00Z',
        },
      ],
    },
  };
  const { orders_late: late, ...rest } = tables;
  return memoryConfig(options.withLateOrders === false ? rest : { ...rest, orders_late: late }, {
    lookback_days: 30,
  });
}
