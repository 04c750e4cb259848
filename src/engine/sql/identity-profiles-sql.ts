import type { Dialect } from '../dialect.js';
import { sql, type SqlStatement } from './sql-statement.js';

/**
 * CRM contacts as profiles for probabilistic matching: the contact id names the person (its node
 * in identity_nodes; a junk id has none and ties nothing), names and the account's name are the
 * evidence (email and phone come from the person's identifiers). The nodes are narrowed by a
 * semi-join: a plain join could hash the whole node table.
 */
export function contactProfilesSql(): SqlStatement {
  return sql(`SELECT n.node, c.contact_id, c.first_name, c.last_name, a.name AS company
FROM contacts c LEFT JOIN accounts a ON a.account_id = c.account_id
JOIN (
  SELECT node, identifier_value FROM identity_nodes
  WHERE identifier_type = 'crm_contact_id' AND identifier_value IN (SELECT contact_id FROM contacts)
) n ON n.identifier_value = c.contact_id
WHERE c.first_name IS NOT NULL OR c.last_name IS NOT NULL
ORDER BY c.contact_id`);
}

// The identifier a lead's profile hangs on: the most specific one the event carries that names
// someone (junk values have no node).
export const LEAD_ANCHORS = [
  'crm_contact_id',
  'user_id',
  'email',
  'phone',
  'anonymous_id',
] as const;

/**
 * Conversation events whose properties may carry what a lead typed (name, company): a form
 * submission or a chat's lead capture, with the node its profile hangs on (null: none). The LIKE
 * filter only narrows what is read; the pipeline parses the JSON and keeps the events that
 * really hold a name.
 */
export function leadProfilesSql(d: Dialect): SqlStatement {
  const col = (t: string) => d.quoteIdentifier(t);
  const wanted = LEAD_ANCHORS.map(
    (t) => `SELECT ${d.quoteLiteral(t)}, ${col(t)} FROM leads WHERE ${col(t)} IS NOT NULL`,
  ).join(' UNION ALL ');
  const joins = LEAD_ANCHORS.map(
    (t, i) =>
      `LEFT JOIN wanted w${i} ON w${i}.identifier_type = ${d.quoteLiteral(t)} AND w${i}.identifier_value = l.${col(t)}`,
  ).join('\n');
  const node = `COALESCE(${LEAD_ANCHORS.map((_t, i) => `w${i}.node`).join(', ')})`;
  return sql(`WITH leads AS (
  SELECT e.event_id, e.properties, ${LEAD_ANCHORS.map((t) => `e.${col(t)}`).join(', ')}
  FROM conversation_events e
  WHERE e.properties LIKE '%name"%' OR e.properties LIKE '%"company"%'
),
wanted AS (
  SELECT node, identifier_type, identifier_value FROM identity_nodes
  WHERE (identifier_type, identifier_value) IN (${wanted})
)
SELECT l.event_id, l.properties, ${node} AS node
FROM leads l
${joins}
ORDER BY l.event_id`);
}
