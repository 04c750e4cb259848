import { createHash } from 'node:crypto';
import { identifierKey, splitIdentifierKey } from '../../core/identity/identifier-key.js';
import {
  assignStablePersonIds,
  type RetiredPersonId,
} from '../../core/identity/stable-person-ids.js';
import type { Engine, LoadValue } from '../../engine/engine.js';
import { sql } from '../../engine/sql/sql-statement.js';

export interface AssignedPersonIds {
  /** Person id of each component, in the order given. */
  readonly personIds: readonly string[];
  readonly retired: readonly RetiredPersonId[];
  readonly created: number;
}

// The name a new person has always had: md5 of its smallest identifier key, as the SQL of earlier
// versions computed it, so warehouses built before stable ids keep their ids.
const nameOf = (key: string) => `p_${createHash('md5').update(key).digest('hex').slice(0, 16)}`;

/**
 * Person ids that survive runs (core/identity/stable-person-ids): the last run's person of every
 * identifier is in person_id_map and the generation that first issued each id in
 * person_id_history; a merge keeps the oldest id, a split gives the parts that inherit nothing a
 * new id from their smallest identifier. Both tables are rewritten for the next run (inside the
 * run's transaction, so a failed run keeps them as they were).
 */
export async function assignPersonIds(
  engine: Engine,
  components: readonly (readonly string[])[],
): Promise<AssignedPersonIds> {
  const previous = new Map<string, string>();
  for await (const chunk of engine.stream(
    sql('SELECT identifier_type, identifier_value, person_id FROM person_id_map'),
  ))
    for (const r of chunk)
      previous.set(
        identifierKey(String(r.identifier_type), String(r.identifier_value)),
        String(r.person_id),
      );
  const history = await engine.query(
    sql('SELECT person_id, first_seen, retired, merged_into FROM person_id_history'),
  );
  const firstSeen = new Map<string, number>();
  let generation = 0;
  for (const h of history) {
    firstSeen.set(String(h.person_id), Number(h.first_seen));
    generation = Math.max(generation, Number(h.first_seen));
  }
  const ids = assignStablePersonIds({ components, previous, firstSeen, name: nameOf });

  await engine.execute(sql('DELETE FROM person_id_map'));
  function* map(): Iterable<LoadValue[]> {
    for (let c = 0; c < components.length; c++)
      for (const key of components[c]!) {
        const { type, value } = splitIdentifierKey(key);
        yield [type, value, ids.personIds[c]!];
      }
  }
  await engine.append('person_id_map', map());

  // History: every id ever issued keeps its first generation; retirements are recorded once.
  const rows = new Map<string, LoadValue[]>();
  for (const h of history)
    rows.set(String(h.person_id), [
      h.person_id,
      h.first_seen,
      h.retired,
      h.merged_into,
    ] as LoadValue[]);
  for (const id of ids.personIds)
    if (!rows.has(id)) rows.set(id, [id, generation + 1, null, null]);
    else rows.set(id, [id, firstSeen.get(id) ?? generation + 1, null, null]);
  for (const r of ids.retired)
    rows.set(r.personId, [
      r.personId,
      firstSeen.get(r.personId) ?? generation,
      r.reason,
      r.into ?? null,
    ]);
  await engine.execute(sql('DELETE FROM person_id_history'));
  await engine.append(
    'person_id_history',
    [...rows.values()].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
  );
  return ids;
}
