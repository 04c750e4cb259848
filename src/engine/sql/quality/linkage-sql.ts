import type { Dialect } from '../../dialect.js';
import { sql, type SqlStatement } from '../sql-statement.js';
import { dayText } from './day-text.js';

/**
 * The match rates as counts (`rate`, `matched`, `total`): conversations whose person holds a CRM
 * contact id, order conversions with a person, conversations on some conversion's journey or
 * carried by a conversion.
 */
export function matchRatesSql(): SqlStatement {
  // Joins on distinct key sets rather than correlated EXISTS inside the aggregates: PostgreSQL
  // would run those once per row.
  return sql(`SELECT 'participants_to_contacts' AS rate, COUNT(k.person_id) AS matched, COUNT(*) AS total
FROM touchpoints t
LEFT JOIN (SELECT DISTINCT person_id FROM identifiers WHERE identifier_type = 'crm_contact_id') k ON k.person_id = t.person_id
WHERE t.touchpoint_type = 'conversation'
UNION ALL
SELECT 'orders_to_persons', COUNT(person_id), COUNT(*) FROM conversions WHERE kind = 'order'
UNION ALL
SELECT 'conversations_to_outcomes', COUNT(o.touchpoint_id), COUNT(*)
FROM touchpoints t
LEFT JOIN (
  SELECT touchpoint_id FROM journeys
  UNION
  SELECT tc.touchpoint_id FROM touchpoints tc JOIN conversions c ON c.conversation_id = tc.conversation_id
  WHERE tc.touchpoint_type = 'conversation'
) o ON o.touchpoint_id = t.touchpoint_id
WHERE t.touchpoint_type = 'conversation'`);
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
