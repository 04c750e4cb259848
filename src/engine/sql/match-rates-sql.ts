import type { Dialect } from '../dialect.js';
import { sql, type SqlStatement } from './sql-statement.js';

const rate = (d: Dialect, name: string, matched: string, from: string) =>
  `SELECT '${name}', CAST(COUNT(${matched}) AS INTEGER), CAST(COUNT(*) AS INTEGER),
  CASE WHEN COUNT(*) = 0 THEN NULL ELSE CAST(COUNT(${matched}) AS ${d.columnType('double')}) / COUNT(*) END
FROM ${from}`;

/**
 * The run's match rates (after attribution), one row each; `share` is null over nothing:
 * - conversations_on_contact: conversations whose participant is a person holding the id of a
 *   known CRM contact, of all conversations;
 * - orders_on_person: order conversions with a person, of all order conversions;
 * - conversions_with_touch: conversions with at least one touch in their journey, of all.
 */
export function buildMatchRatesSql(d: Dialect): SqlStatement {
  return sql(`INSERT INTO identity_match_rates
${rate(
  d,
  'conversations_on_contact',
  'k.person_id',
  `conversations cv
LEFT JOIN (
  SELECT conversation_id, MIN(person_id) AS person_id FROM touchpoints
  WHERE touchpoint_type = 'conversation' AND conversation_id IS NOT NULL GROUP BY conversation_id
) t ON t.conversation_id = cv.conversation_id
LEFT JOIN (
  SELECT DISTINCT i.person_id FROM identifiers i JOIN contacts c ON c.contact_id = i.identifier_value
  WHERE i.identifier_type = 'crm_contact_id'
) k ON k.person_id = t.person_id`,
)}
UNION ALL
${rate(d, 'orders_on_person', 'person_id', "conversions WHERE kind = 'order'")}
UNION ALL
${rate(
  d,
  'conversions_with_touch',
  'j.conversion_id',
  `conversions c LEFT JOIN (SELECT DISTINCT conversion_id FROM journeys) j ON j.conversion_id = c.conversion_id`,
)}`);
}

export function readMatchRatesSql(): SqlStatement {
  return sql('SELECT rate, matched, total, share FROM identity_match_rates ORDER BY rate');
}
