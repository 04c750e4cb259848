import { IDENTIFIER_FIELDS } from '../../core/canonical/source-kinds.js';
import type { ConversionKind } from '../../core/canonical/touchpoint-types.js';
import type { Dialect } from '../dialect.js';
import { personJoins } from './identity-sql.js';
import { sql, type SqlStatement } from './sql-statement.js';
import { conversationPersonsCte } from './touchpoints-sql.js';

const identifierColumns = Object.fromEntries(IDENTIFIER_FIELDS.map((f) => [f, f]));

/**
 * One row per outcome that counts. Orders are person-level: the buyer is found through the
 * order's identifiers, else through the conversation it carries. Opportunities are account-level:
 * every contact of the account may have earned them.
 */
export function buildConversionsSql(d: Dialect, kinds: readonly ConversionKind[]): SqlStatement {
  const o = personJoins(d, 'o', identifierColumns);
  const parts: Record<ConversionKind, string> = {
    order: `SELECT 'order:' || o.order_id, 'order', 'person', o.amount, o.placed_at,
       COALESCE(${o.personId}, cp.person_id), p.account_id, o.conversation_id, a.segment, o.source_name, o.source_line
FROM orders o ${o.joins}
LEFT JOIN conversation_persons cp ON cp.conversation_id = o.conversation_id
LEFT JOIN persons p ON p.person_id = COALESCE(${o.personId}, cp.person_id)
LEFT JOIN accounts a ON a.account_id = p.account_id`,
    opportunity_created: opportunitySql(d, 'opportunity_created', 'op.created_at', 'TRUE'),
    closed_won: opportunitySql(
      d,
      'closed_won',
      'op.closed_at',
      'op.is_won AND op.closed_at IS NOT NULL',
    ),
  };
  const selects = kinds.map((k) => parts[k]);
  return sql(`INSERT INTO conversions
WITH ${conversationPersonsCte(d)}
${selects.join('\nUNION ALL\n')}`);
}

function opportunitySql(d: Dialect, kind: ConversionKind, at: string, where: string): string {
  return `SELECT ${d.quoteLiteral(kind + ':')} || op.opportunity_id, ${d.quoteLiteral(kind)}, 'account', op.amount, ${at},
       i.person_id, op.account_id, NULL, COALESCE(op.segment, a.segment), op.source_name, op.source_line
FROM opportunities op
LEFT JOIN identifiers i ON i.identifier_type = 'crm_contact_id' AND i.identifier_value = op.contact_id
LEFT JOIN accounts a ON a.account_id = op.account_id
WHERE ${where}`;
}
