import { memoryConfig } from './memory-sources.js';

/**
 * Direct links by key (issue 22 item 5). Ann's chat c1 carries correlation id corr-1 and session
 * sess-1 on its events; Bea's chat c2 carries session sess-9 and booking BK-7. Orders carry no
 * identifiers, only keys: o1 corr-1 (→ c1 by correlation id); o2 corr-1 and sess-9 (both match,
 * correlation id wins → c1); o3 sess-9 and BK-7 (→ c2 by session id); o4 carries Ann's email and
 * corr-zzz that no event carries (not linked: c1 only influences it); o5 c2 itself and corr-1
 * (conversation_id wins → c2). Opportunity opp1 (account acme) carries BK-7 (→ c2 by booking).
 */
export function linkScenario() {
  const chat = (id: string, at: string, email: string) => ({
    conversation_id: id,
    channel: 'chat',
    started_at: at,
    ended_at: at.replace(':00:00Z', ':10:00Z'),
    two_way: 'true',
    email,
  });
  const order = (id: string, keys: Record<string, string>) => ({
    order_id: id,
    placed_at: '2026-03-08T12:00:00Z',
    amount: '100',
    ...keys,
  });
  return memoryConfig(
    {
      conversations: {
        kind: 'conversations',
        rows: [
          { ...chat('c1', '2026-03-08T10:00:00Z', 'ann@example.com'), anonymous_id: 'anon-ann' },
          chat('c2', '2026-03-08T11:00:00Z', 'bea@example.com'),
        ],
      },
      events: {
        kind: 'conversation_events',
        rows: [
          {
            event_id: 'e1',
            event_type: 'chat.message.sent',
            occurred_at: '2026-03-08T10:01:00Z',
            conversation_id: 'c1',
            correlation_id: 'corr-1',
            session_id: 'sess-1',
          },
          {
            event_id: 'e2',
            event_type: 'chat.message.sent',
            occurred_at: '2026-03-08T11:01:00Z',
            conversation_id: 'c2',
            session_id: 'sess-9',
          },
          {
            event_id: 'e3',
            event_type: 'chat.booking.made',
            occurred_at: '2026-03-08T11:02:00Z',
            conversation_id: 'c2',
            booking_reference: 'BK-7',
          },
        ],
      },
      orders: {
        kind: 'orders',
        rows: [
          order('o1', { correlation_id: 'corr-1' }),
          order('o2', { correlation_id: 'corr-1', session_id: 'sess-9' }),
          order('o3', { session_id: 'sess-9', booking_reference: 'BK-7' }),
          order('o4', { email: 'ann@example.com', correlation_id: 'corr-zzz' }),
          order('o5', { conversation_id: 'c2', correlation_id: 'corr-1' }),
        ],
      },
      accounts: { kind: 'accounts', rows: [{ account_id: 'acme', name: 'Acme' }] },
      opportunities: {
        kind: 'opportunities',
        rows: [
          {
            opportunity_id: 'opp1',
            account_id: 'acme',
            amount: '1000',
            created_at: '2026-03-08T12:00:00Z',
            booking_reference: 'BK-7',
          },
        ],
      },
    },
    { lookback_days: 7, models: ['last_touch'], conversions: ['order', 'opportunity_created'] },
  );
}
