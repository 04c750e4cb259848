import type { ConversionDefinition } from '../../core/attribution/conversion-definition.js';
import { LEAD_QUALIFIED_EVENT } from '../../core/metrics/conversation-signals.js';
import type { Dialect } from '../dialect.js';
import { conversationJoinSql, eligibleTouchSql, needsConversation } from './eligible-touch-sql.js';
import { sql, type SqlStatement } from './sql-statement.js';

/** The columns the journeys stage writes. */
export const JOURNEY_COLUMNS = [
  'conversion_id',
  'touchpoint_id',
  'position',
  'touch_count',
  'occurred_at',
  'seconds_before',
  'is_direct',
  'link',
  'lead_milestone',
  'opportunity_milestone',
] as const;

/** Link of a journey touch: the touch of the conversation the outcome carries, or any other. */
export const LINK_CONVERTED = 'converted';
export const LINK_INFLUENCED = 'influenced';

/**
 * The earliest lead moment of each person and account (a `chat.lead.qualified` event, or a CRM
 * contact's creation), and the first opportunity of each account: the W-shaped milestones.
 */
function milestoneCtes(d: Dialect): string {
  return `lead_moments AS (
  SELECT t.person_id, t.account_id, e.occurred_at AS moment
  FROM conversation_events e JOIN touchpoints t ON t.touchpoint_id = 'conversation:' || e.conversation_id
  WHERE e.event_type = ${d.quoteLiteral(LEAD_QUALIFIED_EVENT)}
  UNION ALL
  SELECT i.person_id, p.account_id, ct.created_at
  FROM contacts ct JOIN identifiers i ON i.identifier_type = 'crm_contact_id' AND i.identifier_value = ct.contact_id
  LEFT JOIN persons p ON p.person_id = i.person_id
  WHERE ct.created_at IS NOT NULL
),
lead_by_person AS (SELECT person_id, MIN(moment) AS moment FROM lead_moments WHERE person_id IS NOT NULL GROUP BY person_id),
lead_by_account AS (SELECT account_id, MIN(moment) AS moment FROM lead_moments WHERE account_id IS NOT NULL GROUP BY account_id),
opportunity_by_account AS (SELECT account_id, MIN(created_at) AS moment FROM opportunities GROUP BY account_id)`;
}

/**
 * The journeys of one definition's conversions that are due for recompute (listed in
 * attribution_recompute). A journey holds the touches of the conversion's person (or of every
 * person of its account) from `lookbackDays` before it up to its instant, both ends inclusive,
 * that pass the definition's filters and, under `next_only`, come after the previous conversion
 * of the same definition and key (a touch at that conversion's instant is its). Direct links
 * first: touches of the conversation the outcome carries are in the journey ("converted") as
 * long as they are not after it, whatever the window, filters and cycle say; every other touch
 * "influenced" it. Positions follow the tie rule: time, then touchpoint id by bytes. With
 * `milestones`, the touch at (or last before) the lead and the opportunity moment is flagged.
 */
export function buildJourneysSql(
  d: Dialect,
  def: ConversionDefinition,
  milestones: boolean,
): SqlStatement {
  const key = def.level === 'account' ? 'account_id' : 'person_id';
  const windowStart = d.minusDays('c.occurred_at', d.quoteLiteral(def.lookbackDays));
  const previous =
    def.cycle === 'next_only'
      ? `LAG(c.occurred_at) OVER (PARTITION BY c.${key} ORDER BY c.occurred_at, ${d.byteOrder('c.conversion_id')})`
      : 'CAST(NULL AS TIMESTAMP)';
  const order = `m.occurred_at, ${d.byteOrder('m.touchpoint_id')}`;
  const leadJoin = def.level === 'account' ? 'lead_by_account' : 'lead_by_person';
  // The touch at (or last before) a moment is the last one not after it: the next touch in
  // journey order is after the moment or absent. LEAD shares ROW_NUMBER's window, so one sort
  // serves both; a MAX over the partition per milestone would cost a window pass each.
  // The moments are looked up once per conversion in `due` and carried along with its touches:
  // joining the touches back to `due` for them cost more than the rest of the statement.
  const moments = milestones ? ', c.lead_at, c.opportunity_at' : '';
  const flag = (at: string) =>
    milestones
      ? `COALESCE(x.occurred_at <= x.${at} AND (x.next_at IS NULL OR x.next_at > x.${at}), FALSE)`
      : 'FALSE';
  return sql(`INSERT INTO journeys (${JOURNEY_COLUMNS.join(', ')})
WITH ${milestones ? `${milestoneCtes(d)},` : ''}
due AS (
  SELECT c.conversion_id, c.occurred_at, c.person_id, c.account_id, c.conversation_id, c.previous_at${
    milestones
      ? `,
         CASE WHEN lm.moment <= c.occurred_at THEN lm.moment END AS lead_at,
         CASE WHEN om.moment <= c.occurred_at THEN om.moment END AS opportunity_at`
      : ''
  }
  FROM (SELECT c.*, ${previous} AS previous_at FROM conversions c WHERE c.definition = ${d.quoteLiteral(def.name)}) c
  JOIN attribution_recompute r ON r.conversion_id = c.conversion_id${
    milestones
      ? `
  LEFT JOIN ${leadJoin} lm ON lm.${key} = c.${key}
  LEFT JOIN opportunity_by_account om ON om.account_id = c.account_id`
      : ''
  }
),
m AS (
  SELECT c.conversion_id, t.touchpoint_id, t.occurred_at,
         ${d.secondsBetween('c.occurred_at', 't.occurred_at')} AS seconds_before, FALSE AS is_direct${moments}
  FROM due c JOIN touchpoints t ON t.${key} = c.${key}
  ${needsConversation(def.eligible) ? conversationJoinSql() : ''}
  WHERE t.occurred_at <= c.occurred_at AND t.occurred_at >= ${windowStart}
    AND (c.previous_at IS NULL OR t.occurred_at > c.previous_at)
    AND (c.conversation_id IS NULL OR t.conversation_id IS NULL OR t.conversation_id <> c.conversation_id)
    AND ${eligibleTouchSql(d, def.eligible)}
  UNION ALL
  SELECT c.conversion_id, t.touchpoint_id, t.occurred_at,
         ${d.secondsBetween('c.occurred_at', 't.occurred_at')}, TRUE${moments}
  FROM due c JOIN touchpoints t ON t.conversation_id = c.conversation_id
  WHERE t.occurred_at <= c.occurred_at
),
x AS (
  SELECT m.*,
         CAST(ROW_NUMBER() OVER (PARTITION BY m.conversion_id ORDER BY ${order}) AS INTEGER) AS position,
         CAST(COUNT(*) OVER (PARTITION BY m.conversion_id) AS INTEGER) AS touch_count
         ${
           milestones
             ? `, LEAD(m.occurred_at) OVER (PARTITION BY m.conversion_id ORDER BY ${order}) AS next_at`
             : ''
         }
  FROM m
)
SELECT x.conversion_id, x.touchpoint_id, x.position, x.touch_count, x.occurred_at, x.seconds_before, x.is_direct,
       CASE WHEN x.is_direct THEN '${LINK_CONVERTED}' ELSE '${LINK_INFLUENCED}' END,
       ${flag('lead_at')}, ${flag('opportunity_at')}
FROM x`);
}
