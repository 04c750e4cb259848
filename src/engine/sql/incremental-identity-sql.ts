import type { ResolvedJunkPolicy } from '../../core/identity/junk-value-filter.js';
import type { Dialect } from '../dialect.js';
import { typeIndexSql } from './identity-graph-sql.js';
import { LEAD_ANCHORS } from './identity-profiles-sql.js';
import { identifierOccurrences } from './identity-sql.js';
import { junkValueSql } from './junk-value-sql.js';
import { sql, type SqlStatement } from './sql-statement.js';

// The SQL an incremental identity run compares the run's graph with the stored one by
// (pipeline/identity/plan-identity-run.ts). Stored edges of rule same_record are last run's
// deterministic edges; identifiers is last run's person of every identifier.

const EDGE_KEY = ['left_type', 'left_value', 'right_type', 'right_value'];
const EDGE_COLUMNS = [...EDGE_KEY, 'source', 'source_record'].join(', ');
const sameKey = (a: string, b: string) =>
  EDGE_KEY.map((c) => `${a}.${c} = ${b}.${c}`).join(' AND ');

/**
 * The run's edges against the stored deterministic ones, in one full join: new edges and edges
 * whose provenance moved (an earlier record shows the pair) with the run's row, and stored edges
 * no record shows any more (an erasure, retention, a replaced row) as `removed`.
 */
export function changedEdgesSql(): SqlStatement {
  const either = (c: string) => `COALESCE(r.${c}, p.${c})`;
  return sql(`INSERT INTO identity_changed_edges (${EDGE_COLUMNS}, moved, removed)
SELECT ${EDGE_KEY.map(either).join(', ')}, r.source, r.source_record,
       r.left_type IS NOT NULL AND p.left_type IS NOT NULL, r.left_type IS NULL
FROM identity_run_edges r
FULL JOIN (SELECT ${EDGE_COLUMNS} FROM identity_edges WHERE rule = 'same_record') p ON ${sameKey('r', 'p')}
WHERE r.left_type IS NULL OR p.left_type IS NULL
   OR r.source IS DISTINCT FROM p.source OR r.source_record IS DISTINCT FROM p.source_record`);
}

/**
 * The stored deterministic edges replaced by the run's: every one (a full run), or the changed
 * ones; the stored rows of moved edges are deleted first (a scan of every edge: skipped when
 * the run only adds edges, as most runs do).
 */
export function replaceEdgesSql(only: 'all' | 'changed', anyMoved = true): SqlStatement[] {
  if (only === 'all')
    return [
      sql('DELETE FROM identity_edges'),
      sql(`INSERT INTO identity_edges (${EDGE_COLUMNS}, rule)
SELECT ${EDGE_COLUMNS}, 'same_record' FROM identity_run_edges`),
    ];
  const insert = sql(`INSERT INTO identity_edges (${EDGE_COLUMNS}, rule)
SELECT ${EDGE_COLUMNS}, 'same_record' FROM identity_changed_edges WHERE NOT removed`);
  if (!anyMoved) return [insert];
  return [
    sql(`DELETE FROM identity_edges WHERE rule = 'same_record' AND EXISTS (
  SELECT 1 FROM identity_changed_edges c WHERE c.moved AND ${sameKey('c', 'identity_edges')}
)`),
    insert,
  ];
}

/**
 * The identifiers of `source` (default: every landing table) against last run's, in one full
 * join: those no person held (new ones with their junk flag, and every junk value), and those a
 * person held that no record shows any more (`removed`).
 */
export function changedIdentifiersSql(
  d: Dialect,
  junk: ResolvedJunkPolicy,
  source: string = identifierOccurrences(d),
): SqlStatement {
  return sql(`INSERT INTO identity_changed_ids (identifier_type, identifier_value, junk, removed)
SELECT COALESCE(o.id_type, i.identifier_type), COALESCE(o.id_value, i.identifier_value),
       CASE WHEN o.id_type IS NULL THEN NULL ELSE ${junkValueSql(d, junk, 'o.id_type', 'o.id_value')} END,
       o.id_type IS NULL
FROM (SELECT DISTINCT id_type, id_value FROM (${source}) occ) o
FULL JOIN identifiers i ON i.identifier_type = o.id_type AND i.identifier_value = o.id_value
WHERE o.id_type IS NULL OR i.identifier_type IS NULL`);
}

/** Last run's persons holding an end of a changed edge. */
export function personsOfChangedEdgesSql(): SqlStatement {
  return sql(`SELECT DISTINCT i.person_id FROM identifiers i
JOIN (
  SELECT left_type AS t, left_value AS v FROM identity_changed_edges WHERE NOT removed
  UNION SELECT right_type, right_value FROM identity_changed_edges WHERE NOT removed
) e ON e.t = i.identifier_type AND e.v = i.identifier_value`);
}

/**
 * Pairs of last run's persons between which the guards refused an edge. Every same_record edge
 * between two persons was refused and is in merge_audit, so these pairs chain each person to
 * every other of its connected component of the raw graph.
 */
export function refusedPersonPairsSql(d: Dialect, reasons: readonly string[]): SqlStatement {
  return sql(`SELECT DISTINCT l.person_id AS left_person, r.person_id AS right_person
FROM merge_audit a
JOIN identifiers l ON l.identifier_type = a.left_type AND l.identifier_value = a.left_value
JOIN identifiers r ON r.identifier_type = a.right_type AND r.identifier_value = a.right_value
WHERE a.reason IN (${reasons.map((x) => d.quoteLiteral(x)).join(', ')}) AND l.person_id <> r.person_id`);
}

/**
 * Last run's persons probabilistic matching reads: those holding a CRM contact's id, an
 * identifier of an event that may carry a lead's name, or an end of a probabilistic edge or
 * refused link: among the touched persons (identity_touched_persons).
 */
export function profiledPersonsSql(d: Dialect): SqlStatement {
  const col = (t: string) => d.quoteIdentifier(t);
  const anchors = LEAD_ANCHORS.map(
    (t) =>
      `SELECT ${d.quoteLiteral(t)} AS t, ${col(t)} AS v FROM conversation_events ` +
      `WHERE ${col(t)} IS NOT NULL AND (properties LIKE '%name"%' OR properties LIKE '%"company"%')`,
  ).join('\nUNION ALL ');
  return sql(`SELECT DISTINCT i.person_id FROM identifiers i
JOIN (
  SELECT 'crm_contact_id' AS t, contact_id AS v FROM contacts
  UNION ALL ${anchors}
  UNION ALL SELECT left_type, left_value FROM identity_edges WHERE rule = 'probabilistic'
  UNION ALL SELECT right_type, right_value FROM identity_edges WHERE rule = 'probabilistic'
  UNION ALL SELECT left_type, left_value FROM merge_audit WHERE reason LIKE 'probabilistic%'
  UNION ALL SELECT right_type, right_value FROM merge_audit WHERE reason LIKE 'probabilistic%'
) p ON p.t = i.identifier_type AND p.v = i.identifier_value
WHERE i.person_id IN (SELECT person_id FROM identity_touched_persons)`);
}

/**
 * A digest of everything probabilistic matching reads besides the graph: contacts with their
 * account's name, and the events that may carry a lead's name. A changed digest means a full run.
 */
export function profilesDigestSql(d: Dialect): SqlStatement {
  const h = (exprs: readonly string[]) => d.rowHash(exprs);
  const text = d.columnType('text');
  return sql(`SELECT CAST(SUM(fact) AS ${text}) || '/' || CAST(COUNT(*) AS ${text}) AS digest FROM (
  SELECT ${h(['c.contact_id', 'c.first_name', 'c.last_name', 'c.account_id', 'a.name'])} AS fact
  FROM contacts c LEFT JOIN accounts a ON a.account_id = c.account_id
  UNION ALL
  SELECT ${h(['e.event_id', 'e.properties', ...LEAD_ANCHORS.map((t) => `e.${d.quoteIdentifier(t)}`)])}
  FROM conversation_events e
  WHERE e.properties LIKE '%name"%' OR e.properties LIKE '%"company"%'
) facts`);
}

/**
 * identity_nodes for an incremental run: the identifiers of the touched persons and the new
 * ones, numbered in identifier-key order as a full run numbers them all, so that within the
 * subgraph every tie is broken as a full run breaks it.
 */
export function numberTouchedNodesSql(d: Dialect): SqlStatement {
  const order = `${d.byteOrder('id_type')}, ${d.byteOrder('id_value')}`;
  return sql(`INSERT INTO identity_nodes (node, identifier_type, identifier_value, type_index)
SELECT CAST(ROW_NUMBER() OVER (ORDER BY ${order}) - 1 AS INTEGER), id_type, id_value, ${typeIndexSql(d, 'id_type')}
FROM (
  SELECT identifier_type AS id_type, identifier_value AS id_value FROM identifiers
  WHERE person_id IN (SELECT person_id FROM identity_touched_persons)
  UNION ALL
  SELECT identifier_type, identifier_value FROM identity_changed_ids WHERE NOT removed AND NOT junk
) touched`);
}

/** The touched persons' rows of identifiers and merge_audit, before the subgraph's replace them. */
export function deleteTouchedRowsSql(): SqlStatement[] {
  // Columns named by their table: inside the subquery a bare identifier_type is the node's.
  const inNodes = (table: string, t: string, v: string) =>
    `EXISTS (SELECT 1 FROM identity_nodes n WHERE n.identifier_type = ${table}.${t} AND n.identifier_value = ${table}.${v})`;
  return [
    sql(
      'DELETE FROM identifiers WHERE person_id IN (SELECT person_id FROM identity_touched_persons)',
    ),
    sql(
      `DELETE FROM merge_audit WHERE ${inNodes('merge_audit', 'left_type', 'left_value')} OR ${inNodes('merge_audit', 'right_type', 'right_value')}`,
    ),
    sql(
      `DELETE FROM identity_shared_devices WHERE ${inNodes('identity_shared_devices', 'identifier_type', 'identifier_value')}`,
    ),
  ];
}

/** Refused edges of the whole graph by reason, from merge_audit (its deterministic rows). */
export function refusalCountsSql(d: Dialect, reasons: readonly string[]): SqlStatement {
  return sql(`SELECT reason, COUNT(*) AS refused FROM merge_audit
WHERE reason IN (${reasons.map((x) => d.quoteLiteral(x)).join(', ')}) GROUP BY reason`);
}
