import {
  CONSUMER_SEGMENTS,
  DEAL_STAGES,
  DEMO_REQUESTED_EVENT,
  LEAD_QUALIFIED_EVENT,
  RESOLVED_EVENT_SUFFIX,
  SUPPORT_DISPOSITION,
} from '../../../core/metrics/conversation-signals.js';
import { UNKNOWN_PERSONA } from '../../../core/metrics/persona.js';
import type { Dialect } from '../../dialect.js';
import { exactSumSql } from '../exact-sum-sql.js';
import { sql, type SqlStatement } from '../sql-statement.js';
import { paddedTitleSql, personaSql } from './persona-sql.js';

/**
 * One row per conversation with everything the metrics group or count by: its person and
 * account (from its touch), time parts (UTC), the account's segment, industry and deal stage when
 * it started, the person's persona (from a CRM contact's title), when it produced a qualified lead
 * and whether that was the person's first (a lead is a person: qualifying them again is not a new
 * lead; a conversation with no person is its own), when it produced a demo request, its deflected
 * tickets, whether it resolved a complaint, and the customer's
 * revenue in the `lookbackDays` before it (orders of the person, won deals of the account).
 */
export function buildConversationFactsSql(d: Dialect, lookbackDays: number): SqlStatement {
  const lit = (v: string) => d.quoteLiteral(v);
  const priorWindow = (at: string) =>
    `${at} < v.started_at AND ${at} >= ${d.minusDays('v.started_at', d.quoteLiteral(lookbackDays))}`;
  const resolvedLike = lit(`%${RESOLVED_EVENT_SUFFIX}`);
  return sql(`INSERT INTO conversation_facts
WITH conv AS (
  SELECT c.*, t.person_id, t.account_id
  FROM conversations c LEFT JOIN touchpoints t ON t.touchpoint_id = 'conversation:' || c.conversation_id
),
events AS (
  SELECT conversation_id,
         MIN(CASE WHEN event_type = ${lit(LEAD_QUALIFIED_EVENT)} THEN occurred_at END) AS lead_at,
         MIN(CASE WHEN event_type = ${lit(DEMO_REQUESTED_EVENT)} THEN occurred_at END) AS demo_at,
         MAX(CASE WHEN event_type LIKE ${resolvedLike} THEN 1 ELSE 0 END) AS resolved
  FROM conversation_events
  WHERE conversation_id IS NOT NULL
    AND (event_type IN (${lit(LEAD_QUALIFIED_EVENT)}, ${lit(DEMO_REQUESTED_EVENT)}) OR event_type LIKE ${resolvedLike})
  GROUP BY conversation_id
),
first_leads AS (
  SELECT conversation_id FROM (
    SELECT v.conversation_id,
           ROW_NUMBER() OVER (PARTITION BY COALESCE(v.person_id, 'conversation:' || v.conversation_id)
                              ORDER BY ev.lead_at, ${d.byteOrder('v.conversation_id')}) AS n
    FROM conv v JOIN events ev ON ev.conversation_id = v.conversation_id
    WHERE ev.lead_at IS NOT NULL
  ) x WHERE n = 1
),
deflections AS (
  SELECT conversation_id, COUNT(*) AS deflected FROM tickets
  WHERE conversation_id IS NOT NULL AND deflected GROUP BY conversation_id
),
titles AS (
  SELECT person_id, ${personaSql(d, 'title', paddedTitleSql(d, 'title'))} AS persona FROM (
    SELECT i.person_id, MIN(ct.title) AS title
    FROM identifiers i JOIN contacts ct ON ct.contact_id = i.identifier_value
    WHERE i.identifier_type = 'crm_contact_id' AND ct.title IS NOT NULL
    GROUP BY i.person_id
  ) x
),
prior AS (
  SELECT conversation_id, ${exactSumSql(d, 'value')} AS customer_value, SUM(is_order) AS orders FROM (
    SELECT v.conversation_id, k.value, 1 AS is_order
    FROM conv v JOIN conversions k ON k.person_id = v.person_id
    WHERE k.kind = 'order' AND ${priorWindow('k.occurred_at')}
    UNION ALL
    SELECT v.conversation_id, k.value, 0
    FROM conv v JOIN conversions k ON k.account_id = v.account_id
    WHERE k.kind = 'closed_won' AND ${priorWindow('k.occurred_at')}
  ) x GROUP BY conversation_id
),
deals AS (
  SELECT v.conversation_id,
         MAX(CASE WHEN o.created_at <= v.started_at AND (o.closed_at IS NULL OR o.closed_at > v.started_at) THEN 1 ELSE 0 END) AS open_deal,
         MAX(CASE WHEN o.is_won AND o.closed_at <= v.started_at THEN 1 ELSE 0 END) AS won_deal,
         MAX(CASE WHEN o.created_at <= v.started_at THEN 1 ELSE 0 END) AS any_deal
  FROM conv v JOIN opportunities o ON o.account_id = v.account_id
  GROUP BY v.conversation_id
)
SELECT v.conversation_id, v.person_id, v.account_id, v.started_at, CAST(v.started_at AS DATE),
       CAST(EXTRACT(HOUR FROM v.started_at) AS INTEGER), CAST(EXTRACT(ISODOW FROM v.started_at) AS INTEGER),
       v.channel, v.conversation_type, v.flow, v.agent_id, v.brand, v.intent, v.disposition,
       COALESCE(v.two_way, FALSE), COALESCE(v.sales_handled, FALSE), v.first_response_seconds, v.csat,
       COALESCE(v.cost, 0),
       COALESCE(a.segment, CASE WHEN v.person_id IS NULL THEN ${lit(CONSUMER_SEGMENTS.anonymous)}
                                WHEN COALESCE(p.orders, 0) > 0 THEN ${lit(CONSUMER_SEGMENTS.returning)}
                                ELSE ${lit(CONSUMER_SEGMENTS.new)} END),
       a.industry,
       COALESCE(ti.persona, ${lit(UNKNOWN_PERSONA)}),
       CASE WHEN v.account_id IS NULL THEN ${lit(DEAL_STAGES.noAccount)}
            WHEN dl.open_deal = 1 THEN ${lit(DEAL_STAGES.open)}
            WHEN dl.won_deal = 1 THEN ${lit(DEAL_STAGES.customer)}
            WHEN dl.any_deal = 1 THEN ${lit(DEAL_STAGES.lost)}
            ELSE ${lit(DEAL_STAGES.noOpportunity)} END,
       ev.lead_at, fl.conversation_id IS NOT NULL, ev.demo_at, CAST(COALESCE(df.deflected, 0) AS INTEGER),
       COALESCE(v.disposition = ${lit(SUPPORT_DISPOSITION)} AND v.sentiment < 0
                AND (COALESCE(v.resolved_by_bot, FALSE) OR ev.resolved = 1), FALSE),
       COALESCE(p.customer_value, 0)
FROM conv v
LEFT JOIN accounts a ON a.account_id = v.account_id
LEFT JOIN titles ti ON ti.person_id = v.person_id
LEFT JOIN events ev ON ev.conversation_id = v.conversation_id
LEFT JOIN first_leads fl ON fl.conversation_id = v.conversation_id
LEFT JOIN deflections df ON df.conversation_id = v.conversation_id
LEFT JOIN prior p ON p.conversation_id = v.conversation_id
LEFT JOIN deals dl ON dl.conversation_id = v.conversation_id`);
}
