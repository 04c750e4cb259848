import type { SourceKind } from '../../core/canonical/source-kinds.js';
import type { Dialect } from '../dialect.js';
import { landingTableName } from '../schema/table-spec.js';
import { sql, type SqlStatement } from './sql-statement.js';

/** The field naming a record of each kind; spend rows are facts with no id of their own. */
export const ID_FIELDS: Readonly<Record<SourceKind, string | null>> = {
  touchpoints: 'touchpoint_id',
  conversations: 'conversation_id',
  conversation_events: 'event_id',
  accounts: 'account_id',
  contacts: 'contact_id',
  opportunities: 'opportunity_id',
  orders: 'order_id',
  tickets: 'ticket_id',
  spend: null,
};

/** Up to ten ids loaded more than once, with the sources and rows they span. */
export function duplicateIdsSql(d: Dialect, kind: SourceKind): SqlStatement {
  const id = d.quoteIdentifier(ID_FIELDS[kind] ?? '');
  return sql(`SELECT ${id} AS id, COUNT(*) AS n,
  MIN(source_name) AS first_source, MAX(source_name) AS last_source, MIN(source_line) AS first_line, MAX(source_line) AS last_line
FROM ${d.quoteIdentifier(landingTableName(kind))}
GROUP BY ${id} HAVING COUNT(*) > 1 ORDER BY ${id} LIMIT 10`);
}
