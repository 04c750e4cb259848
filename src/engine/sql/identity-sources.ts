import { IDENTIFIER_FIELDS } from '../../core/canonical/source-kinds.js';

/** A landing table whose rows carry identifiers, and how one of its records is named. */
export interface IdentitySource {
  readonly table: string;
  /** SQL (over alias `r`) naming the record: rows with one name are one record for stitching. */
  readonly recordKey: string;
  /** Identifier type → column of the table holding it. */
  readonly columns: Readonly<Record<string, string>>;
}

const allIdentifiers = Object.fromEntries(IDENTIFIER_FIELDS.map((f) => [f, f]));

// A conversation's events and the conversation itself are one record: whoever chatted under an
// anonymous id and then typed an email in the same conversation is one person.
const conversationKey = (idColumn: string, prefix: string): string =>
  `COALESCE('conversation:' || r.conversation_id, '${prefix}:' || r.${idColumn})`;

export const IDENTITY_SOURCES: readonly IdentitySource[] = [
  {
    table: 'source_touchpoints',
    recordKey: "'touchpoint:' || r.touchpoint_id",
    columns: allIdentifiers,
  },
  {
    table: 'conversations',
    recordKey: "'conversation:' || r.conversation_id",
    columns: allIdentifiers,
  },
  {
    table: 'conversation_events',
    recordKey: conversationKey('event_id', 'event'),
    columns: allIdentifiers,
  },
  { table: 'orders', recordKey: "'order:' || r.order_id", columns: allIdentifiers },
  { table: 'tickets', recordKey: "'ticket:' || r.ticket_id", columns: allIdentifiers },
  {
    table: 'contacts',
    recordKey: "'contact:' || r.contact_id",
    columns: { crm_contact_id: 'contact_id', email: 'email', phone: 'phone' },
  },
];
