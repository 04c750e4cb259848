import { ERASURE_COLUMNS, type ErasureSet } from '../../core/privacy/erasure-target.js';
import type { Engine } from '../../engine/engine.js';
import {
  identifiersOfStagedPersonsSql,
  matchingValuesSql,
  type MatchColumn,
} from '../../engine/sql/privacy/erasure-sql.js';
import type { CatalogTable } from '../export/warehouse-catalog.js';
import type { ErasureStaging } from './erasure-staging.js';

/** Id columns whose values, found on a person's rows, join the sets erasure removes. */
const COLLECTED: Readonly<Record<string, ErasureSet>> = {
  conversation_id: 'conversation',
  touchpoint_id: 'record',
  event_id: 'record',
  order_id: 'record',
  ticket_id: 'record',
  conversion_id: 'conversion',
  contact_id: 'identifier',
};

/** The columns of a table erasure matches, each with the set it is matched against. */
export function matchColumns(table: CatalogTable): MatchColumn[] {
  return table.columns.flatMap((c) => {
    const set = ERASURE_COLUMNS[c.name];
    return set === undefined ? [] : [{ column: c.name, set }];
  });
}

/**
 * From the stored identifiers asked for and the persons they lead to (theirs, and linked ones
 * when asked): every identifier of those persons, then, over every table, the ids of the
 * conversations, records and conversions on rows naming them. Returns the typed identifiers
 * (`type\0value`) the tombstones are made of.
 */
export async function collectErasureSets(
  engine: Engine,
  staging: ErasureStaging,
  catalog: readonly CatalogTable[],
  identifiers: readonly { readonly type: string; readonly stored: string }[],
  persons: readonly string[],
): Promise<{ typed: Set<string> }> {
  const typed = new Set<string>(identifiers.map((i) => `${i.type}\u0000${i.stored}`));
  await staging.add(
    'identifier',
    identifiers.map((i) => i.stored),
  );
  await staging.add('person', persons);
  const ids = await engine.query(identifiersOfStagedPersonsSql(staging.id));
  for (const r of ids) typed.add(`${String(r.identifier_type)}\u0000${String(r.identifier_value)}`);
  await staging.add(
    'identifier',
    ids.map((r) => String(r.identifier_value)),
  );
  // Two passes: rows naming the person give their conversations and records; rows of those
  // conversations (events without an identifier, orders carrying the conversation) give the rest.
  for (let pass = 0; pass < 2; pass++) {
    for (const table of catalog) {
      const match = matchColumns(table);
      const collect = table.columns.map((c) => c.name).filter((c) => c in COLLECTED);
      if (!match.length || !collect.length) continue;
      const sqlText = matchingValuesSql(engine.dialect, table.name, collect, match, staging.id);
      const rows = await engine.query(sqlText);
      for (const column of collect) {
        const set = COLLECTED[column] as ErasureSet;
        const values = rows.flatMap((r) => (r[column] == null ? [] : [String(r[column])]));
        await staging.add(set, values);
        if (column === 'contact_id') for (const v of values) typed.add(`crm_contact_id\u0000${v}`);
        // A conversation and a contact are records of their own kinds too (record_keys).
        if (set === 'conversation' || column === 'contact_id') await staging.add('record', values);
      }
    }
  }
  return { typed };
}
