import { IDENTIFIER_FIELDS } from '../../core/canonical/source-kinds.js';
import type { ResolvedJunkPolicy } from '../../core/identity/junk-value-filter.js';
import type { Dialect } from '../dialect.js';
import { identifierOccurrences } from './identity-sql.js';
import { junkValueSql } from './junk-value-sql.js';
import { sql, type SqlStatement } from './sql-statement.js';

/** Position of an identifier type in IDENTIFIER_FIELDS: the stitcher's type index. */
export function typeIndexSql(d: Dialect, typeExpr: string): string {
  const whens = IDENTIFIER_FIELDS.map((t, i) => `WHEN ${d.quoteLiteral(t)} THEN ${i}`).join(' ');
  return `CAST(CASE ${typeExpr} ${whens} END AS INTEGER)`;
}

/**
 * Numbers every distinct identifier of `source` (SQL of `id_type, id_value` rows; default: every
 * identifier of every landing table) 0, 1, … in (type, value) byte order, so node order is the
 * order of identifier keys. Junk values are stored with a NULL node, to be counted and deleted.
 */
export function numberNodesSql(
  d: Dialect,
  junk: ResolvedJunkPolicy,
  source: string = identifierOccurrences(d),
): SqlStatement {
  const order = `${d.byteOrder('id_type')}, ${d.byteOrder('id_value')}`;
  return sql(`INSERT INTO identity_nodes (node, identifier_type, identifier_value, type_index)
SELECT CASE WHEN junk THEN NULL ELSE CAST(ROW_NUMBER() OVER (PARTITION BY junk ORDER BY ${order}) - 1 AS INTEGER) END,
       id_type, id_value, ${typeIndexSql(d, 'id_type')}
FROM (
  SELECT id_type, id_value, ${junkValueSql(d, junk, 'id_type', 'id_value')} AS junk
  FROM (SELECT DISTINCT id_type, id_value FROM (${source}) occ) distinct_ids
) flagged`);
}

/** The type index of every node, in node order. */
export function nodeTypesSql(): SqlStatement {
  return sql('SELECT type_index FROM identity_nodes ORDER BY node');
}

/**
 * Deterministic edges as node pairs, ordered, so that an edge's number is the same whatever
 * order the warehouse stored them in. Edges with a junk end match no node and drop out.
 */
export function numberedEdgesSql(): SqlStatement {
  return sql(`SELECT l.node AS left_node, r.node AS right_node
FROM identity_edges e
JOIN identity_nodes l ON l.identifier_type = e.left_type AND l.identifier_value = e.left_value
JOIN identity_nodes r ON r.identifier_type = e.right_type AND r.identifier_value = e.right_value
WHERE e.rule = 'same_record'
ORDER BY l.node, r.node`);
}

/** The type and value of the nodes listed in identity_selected_nodes. */
export function selectedNodeKeysSql(): SqlStatement {
  return sql(`SELECT node, identifier_type, identifier_value FROM identity_nodes
WHERE node IN (SELECT node FROM identity_selected_nodes)`);
}

/**
 * identifiers from the person of each node (identity_node_persons) and the person ids
 * (identity_person_ids): integers joined back to text here, not in TypeScript. The text comes
 * from the probe side of every join: DuckDB builds the hash table on the right of a join when it
 * cannot tell the sizes apart, as inside the run's transaction, where every table it wrote counts
 * as empty; so the right side is integers. identity_components is a view over this table.
 */
export function writeIdentifiersSql(): SqlStatement {
  return sql(`INSERT INTO identifiers (identifier_type, identifier_value, person_id)
SELECT n.identifier_type, n.identifier_value, i.person_id
FROM identity_nodes n
JOIN identity_node_persons p ON p.node = n.node
JOIN identity_person_ids i ON i.person = p.person`);
}

/**
 * merge_audit rows of the edges the guards refused (identity_refused_edges), with the record
 * that showed each. The refused edges are few: every join builds its hash table on them (the
 * right side, which DuckDB builds on when it cannot tell the sizes apart, as inside the run's
 * transaction) and probes the nodes and edges with it.
 */
export function refusedEdgesAuditSql(reasonSql: string, detailSql: string): SqlStatement {
  return sql(`INSERT INTO merge_audit (left_type, left_value, right_type, right_value, reason, detail, source_record)
WITH refused_left AS (
  SELECT l.identifier_type AS left_type, l.identifier_value AS left_value, x.right_node, x.reason, x.type_index
  FROM identity_nodes l JOIN identity_refused_edges x ON x.left_node = l.node
),
refused AS (
  SELECT x.left_type, x.left_value, r.identifier_type AS right_type, r.identifier_value AS right_value, x.reason, x.type_index
  FROM identity_nodes r JOIN refused_left x ON x.right_node = r.node
),
shown AS (
  SELECT f.left_type, f.left_value, f.right_type, f.right_value, MIN(e.source_record) AS source_record
  FROM identity_edges e
  JOIN (SELECT DISTINCT left_type, left_value, right_type, right_value FROM refused) f
    ON e.left_type = f.left_type AND e.left_value = f.left_value
   AND e.right_type = f.right_type AND e.right_value = f.right_value
  WHERE e.rule = 'same_record'
  GROUP BY f.left_type, f.left_value, f.right_type, f.right_value
)
SELECT f.left_type, f.left_value, f.right_type, f.right_value, ${reasonSql}, ${detailSql}, s.source_record
FROM refused f LEFT JOIN shown s
  ON s.left_type = f.left_type AND s.left_value = f.left_value
 AND s.right_type = f.right_type AND s.right_value = f.right_value`);
}
