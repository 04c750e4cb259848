import { IDENTIFIER_FIELDS } from '../../core/canonical/source-kinds.js';
import type { Dialect } from '../dialect.js';
import { sql, type SqlStatement } from './sql-statement.js';

/**
 * CRM contacts as profiles for probabilistic matching: the contact id names the person, names
 * and the account's name are the evidence (email and phone come from the person's identifiers).
 */
export function contactProfilesSql(): SqlStatement {
  return sql(`SELECT c.contact_id, c.first_name, c.last_name, a.name AS company
FROM contacts c LEFT JOIN accounts a ON a.account_id = c.account_id
WHERE c.first_name IS NOT NULL OR c.last_name IS NOT NULL
ORDER BY c.contact_id`);
}

/**
 * Conversation events whose properties may carry what a lead typed (name, company): a form
 * submission or a chat's lead capture. The LIKE filter only narrows what is read; the pipeline
 * parses the JSON and keeps the events that really hold a name.
 */
export function leadProfilesSql(d: Dialect): SqlStatement {
  const ids = IDENTIFIER_FIELDS.map((f) => `e.${d.quoteIdentifier(f)}`).join(', ');
  return sql(`SELECT e.event_id, e.properties, ${ids}
FROM conversation_events e
WHERE e.properties LIKE '%name"%' OR e.properties LIKE '%"company"%'
ORDER BY e.event_id`);
}
