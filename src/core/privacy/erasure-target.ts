import { IDENTIFIER_FIELDS, type IdentifierType } from '../canonical/source-kinds.js';
import { UserError } from '../errors.js';

/** The identifier a person is erased by, as given (`email:someone@example.com`). */
export interface ErasureTarget {
  readonly type: IdentifierType;
  readonly value: string;
}

/** Parses `type:value`; the type is one of the identifier fields. */
export function parseErasureTarget(text: string): ErasureTarget {
  const at = text.indexOf(':');
  const type = at < 0 ? '' : text.slice(0, at).trim();
  const value = at < 0 ? '' : text.slice(at + 1).trim();
  if (!(IDENTIFIER_FIELDS as readonly string[]).includes(type) || value === '')
    throw new UserError(
      `--identifier ${at < 0 ? text : `${type}:…`}: give TYPE:VALUE with TYPE one of ${IDENTIFIER_FIELDS.join(', ')}`,
    );
  return { type: type as IdentifierType, value };
}

/**
 * Columns that hold what erasure removes, by name, whatever table they are in: a table added
 * later is covered as soon as it names its columns this way. `identifier` columns hold
 * identifier values (any type, stored form); the others hold ids of what the person owns.
 */
export const ERASURE_COLUMNS: Readonly<Record<string, ErasureSet>> = {
  anonymous_id: 'identifier',
  user_id: 'identifier',
  email: 'identifier',
  phone: 'identifier',
  crm_contact_id: 'identifier',
  contact_id: 'identifier',
  identifier_value: 'identifier',
  left_value: 'identifier',
  right_value: 'identifier',
  person_id: 'person',
  conversation_id: 'conversation',
  touchpoint_id: 'record',
  conversion_id: 'conversion',
  event_id: 'record',
  order_id: 'record',
  ticket_id: 'record',
  record_key: 'record',
};

/** The sets of values erasure collects: identifiers, persons, conversations, records, conversions. */
export type ErasureSet = 'identifier' | 'person' | 'conversation' | 'record' | 'conversion';

/** Tables erasure never deletes from: its own records, and bookkeeping that holds no person. */
export const ERASURE_KEEPS: ReadonlySet<string> = new Set([
  'tombstones',
  'erasure_audit',
  'schema_migrations',
]);
