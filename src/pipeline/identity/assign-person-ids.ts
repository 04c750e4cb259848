import { createHash } from 'node:crypto';
import type { Engine, LoadValue } from '../../engine/engine.js';
import {
  clashingPersonNamesSql,
  freshPersonIdsSql,
  inheritedPersonIdsSql,
  personIdHeirsSql,
  retiredPersonIdsSql,
  updatePersonHistorySql,
  type PreviousPersons,
} from '../../engine/sql/person-ids-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';

export interface AssignedPersonIds {
  /** Persons whose id is new this run (a new person, or a part split off an earlier one). */
  readonly created: number;
  /** Earlier ids retired this run (merged or gone). */
  readonly retired: number;
}

// The name a new person has always had: md5 of its smallest identifier key, as the SQL of earlier
// versions computed it, so warehouses built before stable ids keep their ids.
const nameOf = (key: string) => `p_${createHash('md5').update(key).digest('hex').slice(0, 16)}`;

const STAGING = ['identity_id_heirs', 'identity_retired_ids', 'identity_person_ids'];

/**
 * Person ids that survive runs, the rule of core/identity/stable-person-ids.ts computed in the
 * warehouse over the person of each node (identity_node_persons): last run's person of every
 * identifier is still in identifiers (run this before it is rewritten) and the generation that
 * first issued each id in person_id_history; a merge keeps the oldest id, a part that inherits
 * nothing is named from its smallest identifier (salted in the rare case the name is taken).
 * Writes identity_person_ids and updates person_id_history for the next run, inside the run's
 * transaction. An incremental run numbers only the touched persons' identifiers, and names them
 * as `previous`: the other persons keep their ids untouched.
 */
export async function assignPersonIds(
  engine: Engine,
  previous: PreviousPersons = 'identifiers',
): Promise<AssignedPersonIds> {
  const d = engine.dialect;
  for (const table of STAGING) await engine.execute(sql(`DELETE FROM ${d.quoteIdentifier(table)}`));
  await engine.execute(personIdHeirsSql(d));
  await engine.execute(inheritedPersonIdsSql());
  await engine.execute(freshPersonIdsSql(d));
  const clashes = await engine.query(clashingPersonNamesSql(d));
  if (clashes.length > 0) {
    const persons = clashes.map((c) => Math.trunc(Number(c.person)));
    await engine.execute(
      sql(`DELETE FROM identity_person_ids WHERE person IN (${persons.join(', ')})`),
    );
    const taken = await engine.query(
      sql('SELECT person_id FROM identifiers UNION SELECT person_id FROM identity_person_ids'),
    );
    const inUse = new Set(taken.map((r) => String(r.person_id)));
    const rows: LoadValue[][] = [];
    for (const c of clashes) {
      const key = String(c.min_key);
      let id = nameOf(key);
      for (let salt = 1; inUse.has(id); salt++) id = nameOf(`${key}#${salt}`);
      inUse.add(id);
      rows.push([Number(c.person), id]);
    }
    await engine.append('identity_person_ids', rows);
  }
  await engine.execute(retiredPersonIdsSql(previous));
  const [counts] = await engine.query(
    sql(`SELECT
  (SELECT COUNT(*) FROM identity_person_ids) - (SELECT COUNT(*) FROM identity_id_heirs WHERE heir_rank = 1) AS created,
  (SELECT COUNT(*) FROM identity_retired_ids) AS retired`),
  );
  for (const statement of updatePersonHistorySql()) await engine.execute(statement);
  return { created: Number(counts?.created ?? 0), retired: Number(counts?.retired ?? 0) };
}
