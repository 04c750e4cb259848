import type { Dialect } from '../../dialect.js';
import { exactAvgSql, exactSumSql } from '../exact-sum-sql.js';
import { sql, type SqlStatement } from '../sql-statement.js';
import {
  conversationFilterSql,
  dayRangeSql,
  whereAll,
  type ReportFilter,
} from './conversation-filter-sql.js';
import { modelIsSql } from './rpc-sql.js';
import { inList } from './sql-fragments.js';

/** Per model: the chatbot's conversations, their credited revenue and their lead capture value. */
export function chatbotValueSql(
  d: Dialect,
  channels: readonly string[],
  model: string | undefined,
  filter?: ReportFilter,
): SqlStatement {
  const where = whereAll(
    modelIsSql(d, model),
    inList(d, 'e.channel', channels),
    conversationFilterSql(d, filter, 'e'),
  );
  return sql(`SELECT e.model, CAST(COUNT(*) AS INTEGER) AS conversations,
       COALESCE(${exactSumSql(d, 'e.direct_revenue')}, 0) AS revenue, COALESCE(${exactSumSql(d, 'e.lead_value')}, 0) AS lead_value
FROM conversation_economics e ${where}
GROUP BY e.model`);
}

/**
 * Model-independent chatbot figures: new leads captured by chatbot conversations, tickets and
 * deflected tickets (all tickets, with a conversation or not), and the mean CSAT of people who
 * had a chatbot conversation against people whose rated conversations were all elsewhere. CSAT
 * lives on conversations only, so "without" means without the chatbot, not without talking.
 * `from`/`to` keep conversations of those days and tickets created on them; tickets have no
 * segment or conversation type, so the report takes no other filter.
 */
export function chatbotFactsSql(
  d: Dialect,
  channels: readonly string[],
  filter?: ReportFilter,
): SqlStatement {
  const chat = inList(d, 'channel', channels);
  const days = dayRangeSql(d, filter, 'day');
  const inDays = days ? ` AND ${days}` : '';
  const ticketDays = dayRangeSql(d, filter, 'CAST(created_at AS DATE)');
  return sql(`WITH people AS (
  SELECT person_id, MAX(CASE WHEN ${chat} THEN 1 ELSE 0 END) AS with_bot, ${exactAvgSql(d, 'csat')} AS csat
  FROM conversation_facts WHERE person_id IS NOT NULL${inDays} GROUP BY person_id
)
SELECT
  (SELECT CAST(COUNT(*) AS INTEGER) FROM conversation_facts WHERE ${chat} AND new_lead${inDays}) AS leads_captured,
  (SELECT CAST(COUNT(*) AS INTEGER) FROM tickets ${whereAll(ticketDays)}) AS tickets,
  (SELECT CAST(COUNT(*) AS INTEGER) FROM tickets ${whereAll('deflected', ticketDays)}) AS deflected,
  (SELECT CAST(COUNT(*) AS INTEGER) FROM people WHERE with_bot = 1 AND csat IS NOT NULL) AS rated_with,
  (SELECT CAST(COUNT(*) AS INTEGER) FROM people WHERE with_bot = 0 AND csat IS NOT NULL) AS rated_without,
  (SELECT ${exactAvgSql(d, 'csat')} FROM people WHERE with_bot = 1) AS csat_with,
  (SELECT ${exactAvgSql(d, 'csat')} FROM people WHERE with_bot = 0) AS csat_without`);
}

/** What chatbot conversion can be read by: columns of conversation_economics. */
export const CHATBOT_DIMENSIONS = { intent: 'e.intent', flow: 'e.flow' } as const;
export type ChatbotDimension = keyof typeof CHATBOT_DIMENSIONS;

/**
 * Attribution-driven conversion of chatbot conversations per model and intent or flow: a
 * conversation converted when the model credited it any revenue.
 */
export function chatbotConversionSql(
  d: Dialect,
  channels: readonly string[],
  model: string | undefined,
  dim: ChatbotDimension,
  filter?: ReportFilter,
): SqlStatement {
  const where = whereAll(
    modelIsSql(d, model),
    inList(d, 'e.channel', channels),
    conversationFilterSql(d, filter, 'e'),
  );
  return sql(`SELECT e.model, ${d.quoteLiteral(dim)} AS dimension, ${CHATBOT_DIMENSIONS[dim]} AS dimension_value,
       CAST(COUNT(*) AS INTEGER) AS conversations,
       CAST(SUM(CASE WHEN e.direct_revenue > 0 THEN 1 ELSE 0 END) AS INTEGER) AS converted,
       ${exactSumSql(d, 'e.direct_revenue')} AS revenue
FROM conversation_economics e ${where}
GROUP BY e.model, ${CHATBOT_DIMENSIONS[dim]}`);
}
