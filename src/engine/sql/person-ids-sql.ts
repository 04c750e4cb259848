import type { Dialect } from '../dialect.js';
import { sql, type SqlStatement } from './sql-statement.js';

/** The table of the earlier person ids a run re-assigns. */
export type PreviousPersons = 'identifiers' | 'identity_touched_persons';

// first_seen of an id missing from person_id_history: it counts as newest.
const NEWEST = 2147483647;

/**
 * The SQL form of assignStablePersonIds (core/identity/stable-person-ids.ts) over the numbered
 * graph: each earlier id's heir is the person now holding most of its identifiers (ties: the
 * smallest person, i.e. the one with the smallest identifier); a person heir to several ids
 * keeps the oldest (first_seen, then id) and the others retire as merged into it. Last run's
 * person of every identifier is still in identifiers: the stage rewrites it once ids are assigned.
 */
export function personIdHeirsSql(d: Dialect): SqlStatement {
  return sql(`INSERT INTO identity_id_heirs (person_id, person, heir_rank)
WITH tally AS (
  SELECT m.person_id, p.person, COUNT(*) AS held
  FROM identifiers m
  JOIN identity_nodes n ON n.identifier_type = m.identifier_type AND n.identifier_value = m.identifier_value
  JOIN identity_node_persons p ON p.node = n.node
  GROUP BY m.person_id, p.person
),
heirs AS (
  SELECT person_id, person FROM (
    SELECT person_id, person, ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY held DESC, person) AS pick
    FROM tally
  ) ranked WHERE pick = 1
)
SELECT h.person_id, h.person, CAST(ROW_NUMBER() OVER (
  PARTITION BY h.person ORDER BY COALESCE(hist.first_seen, ${NEWEST}), ${d.byteOrder('h.person_id')}
) AS INTEGER)
FROM heirs h LEFT JOIN person_id_history hist ON hist.person_id = h.person_id`);
}

/** Persons that inherit keep their oldest earlier id. */
export function inheritedPersonIdsSql(): SqlStatement {
  return sql(`INSERT INTO identity_person_ids (person, person_id)
SELECT person, person_id FROM identity_id_heirs WHERE heir_rank = 1`);
}

/**
 * Persons that inherit nothing, named as a new person is: `p_` and 16 hex digits of the MD5 of
 * its smallest identifier key (pipeline/identity/assign-person-ids.ts), the key of its own node
 * (a person is numbered by its smallest node, so its own row has node = person). Every one goes
 * in; clashingPersonNamesSql then finds the rare names already in use. The persons' rows are the
 * right side of the join: DuckDB builds its hash table there when it cannot tell the sizes apart
 * (inside the run's transaction every table it wrote counts as empty), not on every node.
 */
export function freshPersonIdsSql(d: Dialect): SqlStatement {
  return sql(`INSERT INTO identity_person_ids (person, person_id)
SELECT p.person, 'p_' || ${d.shortHash('rep.identifier_type || chr(1) || rep.identifier_value')}
FROM identity_nodes rep
JOIN (
  SELECT node AS person FROM identity_node_persons
  WHERE person = node AND person NOT IN (SELECT person FROM identity_person_ids)
) p ON p.person = rep.node`);
}

/**
 * The new persons whose name clashes (expected: none) with an earlier id or another new person's
 * name, with their smallest identifier key, for assign-person-ids.ts to salt: run after
 * freshPersonIdsSql, while identity_id_heirs tells the inheriting persons apart.
 */
export function clashingPersonNamesSql(d: Dialect): SqlStatement {
  return sql(`WITH fresh AS (
  SELECT person, person_id FROM identity_person_ids
  WHERE person NOT IN (SELECT person FROM identity_id_heirs WHERE heir_rank = 1)
),
clashing AS (
  SELECT person FROM fresh WHERE person_id IN (SELECT person_id FROM identifiers)
  UNION
  SELECT person FROM fresh WHERE person_id IN (
    SELECT person_id FROM identity_person_ids GROUP BY person_id HAVING COUNT(*) > 1
  )
)
SELECT c.person, rep.identifier_type || chr(1) || rep.identifier_value AS min_key
FROM identity_nodes rep JOIN clashing c ON c.person = rep.node
ORDER BY ${d.byteOrder('rep.identifier_type || chr(1) || rep.identifier_value')}`);
}

/**
 * Every earlier id that retires: merged into its heir's kept id, or gone with its identifiers.
 * `previous` holds the earlier ids in play: every one (identifiers) or the touched persons of an
 * incremental run (identity_touched_persons).
 */
export function retiredPersonIdsSql(previous: PreviousPersons): SqlStatement {
  return sql(`INSERT INTO identity_retired_ids (person_id, reason, merged_into)
SELECT h.person_id, 'merged', k.person_id
FROM identity_id_heirs h JOIN identity_id_heirs k ON k.person = h.person AND k.heir_rank = 1
WHERE h.heir_rank > 1
UNION ALL
SELECT DISTINCT person_id, 'gone', CAST(NULL AS TEXT) FROM ${previous}
WHERE person_id NOT IN (SELECT person_id FROM identity_id_heirs)`);
}

/**
 * person_id_history after the run: ids in use are live again (their first generation kept, or
 * this run's for a new id), retired ids record why; every other row stays as it was. The order
 * matters: an id missing from the history when it retires takes the last generation, a new id
 * the next one, both counted before this run added any.
 */
export function updatePersonHistorySql(): SqlStatement[] {
  return [
    sql(`UPDATE person_id_history SET retired = NULL, merged_into = NULL
WHERE person_id IN (SELECT person_id FROM identity_person_ids)`),
    sql(`UPDATE person_id_history SET retired = r.reason, merged_into = r.merged_into
FROM identity_retired_ids r WHERE person_id_history.person_id = r.person_id`),
    sql(`INSERT INTO person_id_history (person_id, first_seen, retired, merged_into)
SELECT person_id, (SELECT COALESCE(MAX(first_seen), 0) FROM person_id_history), reason, merged_into
FROM identity_retired_ids WHERE person_id NOT IN (SELECT person_id FROM person_id_history)`),
    sql(`INSERT INTO person_id_history (person_id, first_seen, retired, merged_into)
SELECT person_id, (SELECT COALESCE(MAX(first_seen), 0) + 1 FROM person_id_history), NULL, NULL
FROM identity_person_ids WHERE person_id NOT IN (SELECT person_id FROM person_id_history)`),
  ];
}
