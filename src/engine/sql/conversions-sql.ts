import type {
  ConversionDefinition,
  Outcome,
} from '../../core/attribution/conversion-definition.js';
import { IDENTIFIER_FIELDS, LINK_KEYS } from '../../core/canonical/source-kinds.js';
import { LEAD_QUALIFIED_EVENT } from '../../core/metrics/conversation-signals.js';
import type { Dialect } from '../dialect.js';
import { personJoins } from './identity-sql.js';
import { sql, type SqlStatement } from './sql-statement.js';
import { conversationPersonsCte } from './touchpoints-sql.js';

const identifierColumns = Object.fromEntries(IDENTIFIER_FIELDS.map((f) => [f, f]));

/** The columns the conversions stage writes, in the order of its SELECTs. */
export const CONVERSION_COLUMNS = [
  'conversion_id',
  'kind',
  'level',
  'value',
  'occurred_at',
  'person_id',
  'account_id',
  'conversation_id',
  'segment',
  'source',
  'source_line',
  'definition',
  'value_kind',
  'linked_by',
] as const;

/** Value fields per outcome, as SQL over the outcome's record (alias r). */
const VALUE_FIELDS: Readonly<Record<Outcome, Readonly<Record<string, string>>>> = {
  order: { amount: 'r.amount' },
  opportunity_created: { amount: 'r.amount' },
  closed_won: { amount: 'r.amount' },
  qualified_lead: {},
  ticket_deflected: { cost: 'r.cost' },
  custom: { confidence: 'r.confidence', sentiment_score: 'r.sentiment_score' },
};

/** One outcome's records (alias r) with their joins, filter, id, instant, person and conversation. */
interface OutcomeRows {
  readonly from: string;
  readonly where: string;
  readonly id: string;
  readonly at: string;
  readonly person: string;
  readonly conversation: string;
  /** Which key linked the conversation: `conversation_id`, a link key, or NULL. */
  readonly linkedBy: string;
}

/**
 * One conversation per link key value: the conversation of the earliest event carrying it (then
 * the smallest conversation id by bytes), so a key shared by two conversations links one, alike
 * on every engine.
 */
function conversationLinksCte(d: Dialect): string {
  const keyed = LINK_KEYS.map(
    (
      k,
    ) => `SELECT ${d.quoteLiteral(k)} AS link_key, e.${k} AS link_value, e.conversation_id, e.occurred_at
    FROM conversation_events e WHERE e.${k} IS NOT NULL AND e.conversation_id IS NOT NULL`,
  ).join('\n    UNION ALL\n    ');
  return `conversation_links AS (
  SELECT link_key, link_value, conversation_id FROM (
    SELECT k.*, ROW_NUMBER() OVER (PARTITION BY k.link_key, k.link_value
      ORDER BY k.occurred_at, ${d.byteOrder('k.conversation_id')}) AS nth
    FROM (${keyed}) k) ranked
  WHERE nth = 1)`;
}

/**
 * The record's own conversation_id, else the conversation its link keys point at, in the order
 * of LINK_KEYS; with the key that linked it.
 */
function keyedLink(d: Dialect): { joins: string; conversation: string; linkedBy: string } {
  const alias = (k: string) => `lk_${k}`;
  const joins = LINK_KEYS.map(
    (k) =>
      `LEFT JOIN conversation_links ${alias(k)} ON ${alias(k)}.link_key = ${d.quoteLiteral(k)} AND ${alias(k)}.link_value = r.${k}`,
  ).join('\n');
  const conversation = `COALESCE(r.conversation_id, ${LINK_KEYS.map((k) => `${alias(k)}.conversation_id`).join(', ')})`;
  const linkedBy = `CASE WHEN r.conversation_id IS NOT NULL THEN 'conversation_id'
${LINK_KEYS.map((k) => `  WHEN ${alias(k)}.conversation_id IS NOT NULL THEN ${d.quoteLiteral(k)}`).join('\n')} END`;
  return { joins, conversation, linkedBy };
}

/** `conversation_id` when the record carries one (tickets and events link by it alone). */
const byConversationId = "CASE WHEN r.conversation_id IS NOT NULL THEN 'conversation_id' END";

function outcomeRows(d: Dialect, def: ConversionDefinition): OutcomeRows {
  const viaRecord = personJoins(d, 'r', identifierColumns);
  // Identifiers on the record first; else whoever had the conversation it carries.
  const personal = (table: string) => ({
    from: `${table} r ${viaRecord.joins}
LEFT JOIN conversation_persons cp ON cp.conversation_id = r.conversation_id`,
    person: `COALESCE(${viaRecord.personId}, cp.person_id)`,
    conversation: 'r.conversation_id',
    linkedBy: byConversationId,
  });
  switch (def.outcome) {
    case 'order': {
      const link = keyedLink(d);
      return {
        from: `orders r ${viaRecord.joins}
${link.joins}
LEFT JOIN conversation_persons cp ON cp.conversation_id = ${link.conversation}`,
        person: `COALESCE(${viaRecord.personId}, cp.person_id)`,
        conversation: link.conversation,
        linkedBy: link.linkedBy,
        where: 'TRUE',
        id: 'r.order_id',
        at: 'r.placed_at',
      };
    }
    case 'opportunity_created':
    case 'closed_won': {
      const won = def.outcome === 'closed_won';
      // Opportunities carry no conversation_id: only their link keys link them directly.
      const link = keyedLink(d);
      const noId = `CAST(NULL AS ${d.columnType('text')})`;
      return {
        from: `(SELECT o.*, ${noId} AS conversation_id FROM opportunities o) r
LEFT JOIN identifiers ci ON ci.identifier_type = 'crm_contact_id' AND ci.identifier_value = r.contact_id
${link.joins}`,
        where: won ? 'r.is_won AND r.closed_at IS NOT NULL' : 'TRUE',
        id: 'r.opportunity_id',
        at: won ? 'r.closed_at' : 'r.created_at',
        person: 'ci.person_id',
        conversation: link.conversation,
        linkedBy: link.linkedBy,
      };
    }
    case 'ticket_deflected': {
      const rows = personal('tickets');
      return {
        ...rows,
        from: `${rows.from}
LEFT JOIN conversations bot ON bot.conversation_id = r.conversation_id`,
        where: 'COALESCE(r.deflected, FALSE) OR COALESCE(bot.resolved_by_bot, FALSE)',
        id: 'r.ticket_id',
        at: 'r.created_at',
      };
    }
    case 'qualified_lead':
    case 'custom': {
      const type = def.outcome === 'custom' ? (def.eventType ?? '') : LEAD_QUALIFIED_EVENT;
      // One conversion per conversation (its first such event), or per event without one.
      return {
        ...personal(`(SELECT e.*, ROW_NUMBER() OVER (
     PARTITION BY COALESCE(e.conversation_id, 'event:' || e.event_id)
     ORDER BY e.occurred_at, ${d.byteOrder('e.event_id')}) AS nth
   FROM conversation_events e WHERE e.event_type = ${d.quoteLiteral(type)})`),
        where: 'r.nth = 1',
        id: "COALESCE(r.conversation_id, 'event:' || r.event_id)",
        at: 'r.occurred_at',
      };
    }
  }
}

function valueSql(d: Dialect, def: ConversionDefinition): string {
  const dbl = d.columnType('double');
  if ('constant' in def.value) return `CAST(${d.quoteLiteral(def.value.constant)} AS ${dbl})`;
  const column = VALUE_FIELDS[def.outcome][def.value.field];
  if (column === undefined)
    throw new RangeError(`${def.outcome} has no value field ${def.value.field}`);
  return `CAST(${column} AS ${dbl})`;
}

function definitionSql(d: Dialect, def: ConversionDefinition): string {
  const rows = outcomeRows(d, def);
  const opportunity = def.outcome === 'opportunity_created' || def.outcome === 'closed_won';
  const account = opportunity ? 'r.account_id' : 'p.account_id';
  return `SELECT ${d.quoteLiteral(`${def.name}:`)} || ${rows.id}, ${d.quoteLiteral(def.outcome)}, ${d.quoteLiteral(def.level)},
       ${valueSql(d, def)}, ${rows.at}, ${rows.person}, ${account}, ${rows.conversation},
       ${opportunity ? 'COALESCE(r.segment, a.segment)' : 'a.segment'}, r.source_name, r.source_line,
       ${d.quoteLiteral(def.name)}, ${d.quoteLiteral(def.valueKind)}, ${rows.linkedBy}
FROM ${rows.from}
LEFT JOIN persons p ON p.person_id = ${rows.person}
LEFT JOIN accounts a ON a.account_id = ${account}
WHERE ${rows.where}`;
}

/**
 * One row per outcome that counts, per definition. Orders, tickets and events are person-level
 * records: the person is found through the record's identifiers, else through the conversation
 * it carries (which is its direct link). Opportunities belong to an account, and to the person
 * of their contact when there is one. Values are a field of the record or a constant, of the
 * definition's value kind. Orders and opportunities without a conversation_id are linked directly
 * by the first of their link keys (LINK_KEYS) that a conversation's events carry; `linked_by`
 * names the key.
 */
export function buildConversionsSql(
  d: Dialect,
  definitions: readonly ConversionDefinition[],
): SqlStatement {
  return sql(`INSERT INTO conversions (${CONVERSION_COLUMNS.join(', ')})
WITH ${conversationPersonsCte(d)},
${conversationLinksCte(d)}
${definitions.map((def) => definitionSql(d, def)).join('\nUNION ALL\n')}`);
}
