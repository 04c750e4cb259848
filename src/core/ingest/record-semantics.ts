import type { SourceKind } from '../canonical/source-kinds.js';

/**
 * How each kind is deduplicated. Entities (accounts, contacts, opportunities, conversations)
 * describe something that changes: a record with a known id and new content replaces the stored
 * one. Events happened once: a known id is a duplicate whatever its content. Spend rows have no
 * id: their content is their identity.
 */
export type Identity = 'entity' | 'event' | 'fact';

export interface RecordSemantics {
  readonly identity: Identity;
  /** The field naming a record; null for facts. */
  readonly idField: string | null;
  /** The field holding when an event happened, corrected for clock skew; null for others. */
  readonly timeField: string | null;
}

export const RECORD_SEMANTICS: Readonly<Record<SourceKind, RecordSemantics>> = {
  touchpoints: { identity: 'event', idField: 'touchpoint_id', timeField: 'occurred_at' },
  conversation_events: { identity: 'event', idField: 'event_id', timeField: 'occurred_at' },
  orders: { identity: 'event', idField: 'order_id', timeField: 'placed_at' },
  tickets: { identity: 'event', idField: 'ticket_id', timeField: 'created_at' },
  conversations: { identity: 'entity', idField: 'conversation_id', timeField: null },
  accounts: { identity: 'entity', idField: 'account_id', timeField: null },
  contacts: { identity: 'entity', idField: 'contact_id', timeField: null },
  opportunities: { identity: 'entity', idField: 'opportunity_id', timeField: null },
  spend: { identity: 'fact', idField: null, timeField: null },
};
