import type {
  ConversionDefinition,
  Outcome,
} from '../../core/attribution/conversion-definition.js';
import { IDENTIFIER_FIELDS } from '../../core/canonical/source-kinds.js';
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
}

function outcomeRows(d: Dialect, def: ConversionDefinition): OutcomeRows {
  const viaRecord = personJoins(d, 'r', identifierColumns);
  // Identifiers on the record first; else whoever had the conversation it carries.
  const personal = (table: string) => ({
    from: `${table} r ${viaRecord.joins}
LEFT JOIN conversation_persons cp ON cp.conversation_id = r.conversation_id`,
    person: `COALESCE(${viaRecord.personId}, cp.person_id)`,
    conversation: 'r.conversation_id',
  });
  switch (def.outcome) {
    case 'order':
      return { ...personal('orders'), where: 'TRUE', id: 'r.order_id', at: 'r.placed_at' };
    case 'opportunity_created':
    case 'closed_won': {
      const won = def.outcome === 'closed_won';
      return {
        from: `opportunities r
LEFT JOIN identifiers ci ON ci.identifier_type = 'crm_contact_id' AND ci.identifier_value = r.contact_id`,
        where: won ? 'r.is_won AND r.closed_at IS NOT NULL' : 'TRUE',
        id: 'r.opportunity_id',
        at: won ? 'r.closed_at' : 'r.created_at',
        person: 'ci.person_id',
        conversation: `CAST(NULL AS ${d.columnType('text')})`,
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
       ${d.quoteLiteral(def.name)}, ${d.quoteLiteral(def.valueKind)}
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
 * definition's value kind.
 */
export function buildConversionsSql(
  d: Dialect,
  definitions: readonly ConversionDefinition[],
): SqlStatement {
  return sql(`INSERT INTO conversions (${CONVERSION_COLUMNS.join(', ')})
WITH ${conversationPersonsCte(d)}
${definitions.map((def) => definitionSql(d, def)).join('\nUNION ALL\n')}`);
}
