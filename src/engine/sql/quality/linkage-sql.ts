import type { Dialect } from '../../dialect.js';
import { sql, type SqlStatement } from '../sql-statement.js';
import { dayText } from './day-text.js';

/**
 * The match rates as counts (`rate`, `matched`, `total`): conversations whose person holds a CRM
 * contact id, order conversions with a person, conversations on some conversion's journey or
 * carried by a conversion.
 */
export function matchRatesSql(): SqlStatement {
  return sql(`SELECT 'participants_to_contacts' AS rate,
  COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM identifiers i WHERE i.person_id = t.person_id AND i.identifier_type = 'crm_contact_id') THEN 1 ELSE 0 END), 0) AS matched,
  COUNT(*) AS total
FROM touchpoints t WHERE t.touchpoint_type = 'conversation'
UNION ALL
SELECT 'orders_to_persons', COALESCE(SUM(CASE WHEN person_id IS NOT NULL THEN 1 ELSE 0 END), 0), COUNT(*)
FROM conversions WHERE kind = 'order'
UNION ALL
SELECT 'conversations_to_outcomes',
  COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM journeys j WHERE j.touchpoint_id = t.touchpoint_id)
    OR EXISTS (SELECT 1 FROM conversions c WHERE c.conversation_id = t.conversation_id) THEN 1 ELSE 0 END), 0),
  COUNT(*)
FROM touchpoints t WHERE t.touchpoint_type = 'conversation'`);
}

/** Order conversions per UTC day: with a person (`part`) and all (`whole`). */
export function dailyOrderMatchSql(d: Dialect): SqlStatement {
  const day = dayText(d, 'occurred_at');
  return sql(`SELECT ${day} AS day, COALESCE(SUM(CASE WHEN person_id IS NOT NULL THEN 1 ELSE 0 END), 0) AS part, COUNT(*) AS whole
FROM conversions WHERE kind = 'order' GROUP BY ${day} ORDER BY day`);
}

/** The persons of the given identifier values (any type): `identifier_type`, `identifier_value`, `person_id`. */
export function personsOfValuesSql(values: readonly string[]): SqlStatement {
  const list = values.map((_v, i) => `$${i + 1}`).join(', ');
  return sql(
    `SELECT identifier_type, identifier_value, person_id FROM identifiers WHERE identifier_value IN (${list})`,
    values,
  );
}
