import { IDENTIFIER_FIELDS, SOURCE_KIND_NAMES } from '../../core/canonical/source-kinds.js';
import type { Engine } from '../../engine/engine.js';
import { landingTableName } from '../../engine/schema/table-spec.js';
import {
  matchingValuesSql,
  personsOfStagedSql,
  typesOfStagedPersonsSql,
} from '../../engine/sql/privacy/erasure-sql.js';
import type { CatalogTable } from '../export/warehouse-catalog.js';
import type { ErasureStaging } from './erasure-staging.js';

/** A person the identity graph keeps apart from the erased one, though a record joins them. */
export interface LinkedPerson {
  readonly personId: string;
  /** The types of the identifiers they hold (never the values). */
  readonly identifierTypes: readonly string[];
}

// A contact's own id is its CRM contact id.
const IDENTIFIER_COLUMNS = new Set<string>([...IDENTIFIER_FIELDS, 'contact_id']);

/**
 * Every person reachable through any identifier on any source record that also carries one of
 * the `seed` identifiers (staged, stored form), except `persons` themselves: one human whom the
 * identity stage split in two (a guard refused the edge, e.g. a second CRM id) shows up here, so
 * an erasure can show them before it acts and take them along when asked. One hop only: a
 * person linked to a linked person is not followed.
 */
export async function findLinkedPersons(
  engine: Engine,
  staging: ErasureStaging,
  catalog: readonly CatalogTable[],
  persons: ReadonlySet<string>,
): Promise<LinkedPerson[]> {
  const landing = new Set<string>(SOURCE_KIND_NAMES.map((k) => landingTableName(k)));
  for (const table of catalog) {
    if (!landing.has(table.name)) continue;
    const columns = table.columns.map((c) => c.name).filter((c) => IDENTIFIER_COLUMNS.has(c));
    if (!columns.length) continue;
    const match = columns.map((column) => ({ column, set: 'seed' }));
    const rows = await engine.query(
      matchingValuesSql(engine.dialect, table.name, columns, match, staging.id),
    );
    await staging.add(
      'cooccur',
      rows.flatMap((r) => columns.flatMap((c) => (r[c] == null ? [] : [String(r[c])]))),
    );
  }
  const found = await engine.query(personsOfStagedSql('cooccur', staging.id));
  await staging.add(
    'linked',
    found.map((r) => String(r.person_id)).filter((p) => !persons.has(p)),
  );
  const types = new Map<string, Set<string>>();
  for (const r of await engine.query(typesOfStagedPersonsSql('linked', staging.id))) {
    const person = String(r.person_id);
    const set = types.get(person) ?? new Set<string>();
    set.add(String(r.identifier_type));
    types.set(person, set);
  }
  return [...types]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([personId, t]) => ({ personId, identifierTypes: [...t].sort() }));
}
