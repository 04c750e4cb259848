import { IDENTIFIER_FIELDS } from '../../core/canonical/source-kinds.js';
import type { Dialect } from '../dialect.js';
import { personJoins } from './identity-sql.js';
import { sql, type SqlStatement } from './sql-statement.js';

const identifierColumns = Object.fromEntries(IDENTIFIER_FIELDS.map((f) => [f, f]));

/**
 * The person behind each conversation, from the conversation row or any of its events (they
 * were stitched as one record, so all of them agree).
 */
export function conversationPersonsCte(d: Dialect): string {
  const conv = personJoins(d, 'c', identifierColumns);
  const ev = personJoins(d, 'e', identifierColumns);
  return `conversation_persons AS (
  SELECT conversation_id, MIN(person_id) AS person_id FROM (
    SELECT c.conversation_id, ${conv.personId} AS person_id FROM conversations c ${conv.joins}
    UNION ALL
    SELECT e.conversation_id, ${ev.personId} FROM conversation_events e ${ev.joins} WHERE e.conversation_id IS NOT NULL
  ) x GROUP BY conversation_id
)`;
}

/**
 * Every touch that can earn credit, resolved to a person and account: the marketing, sales and
 * support touches of the touchpoint sources, plus one touch per conversation.
 */
export function buildTouchpointsSql(d: Dialect): SqlStatement {
  const t = personJoins(d, 's', identifierColumns);
  return sql(`INSERT INTO touchpoints
WITH ${conversationPersonsCte(d)},
raw AS (
  SELECT s.touchpoint_id, s.source_name AS source, s.touchpoint_type, s.channel, s.campaign, s.event_type, s.occurred_at,
         s.conversation_id, COALESCE(${t.personId}, cp.person_id) AS person_id, s.account_id
  FROM source_touchpoints s ${t.joins}
  LEFT JOIN conversation_persons cp ON cp.conversation_id = s.conversation_id
  UNION ALL
  SELECT 'conversation:' || c.conversation_id, c.source_name, 'conversation', c.channel, c.conversation_type, NULL,
         c.started_at, c.conversation_id, cp.person_id, NULL
  FROM conversations c LEFT JOIN conversation_persons cp ON cp.conversation_id = c.conversation_id
)
SELECT raw.touchpoint_id, raw.source, raw.touchpoint_type, raw.channel, raw.campaign, raw.event_type, raw.occurred_at,
       raw.conversation_id, raw.person_id, COALESCE(raw.account_id, p.account_id)
FROM raw LEFT JOIN persons p ON p.person_id = raw.person_id`);
}
