import { IDENTIFIER_FIELDS } from '../../core/canonical/source-kinds.js';
import type { IdentityConfig } from '../../core/config/config.js';
import type { NumberedGraph, StitchOutcome } from '../../core/identity/guarded-stitch.js';
import { REFUSAL_REASONS } from '../../core/identity/stitch-guards.js';
import type { Engine } from '../../engine/engine.js';
import { refusedEdgesAuditSql } from '../../engine/sql/identity-graph-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';

export type RefusalCounts = Record<'unique_conflict' | 'type_limit' | 'shared_device', number>;

function detail(reason: string, type: string, config: IdentityConfig): string {
  switch (reason) {
    case 'unique_conflict':
      return `${type} is unique: a person holds one`;
    case 'type_limit':
      return `at most ${config.maxPerType[type] ?? '?'} ${type} per person`;
    default:
      return `${type} seen with more than ${config.maxPersonsPerDevice} persons`;
  }
}

/**
 * The edges the guards refused, to merge_audit: their node pairs and codes go to the warehouse
 * as integers (identity_refused_edges) and are joined there to the identifiers and the record
 * that showed each edge; the reason's wording is rendered into the SQL once per (reason, type).
 */
export async function writeRefusedEdges(
  engine: Engine,
  graph: NumberedGraph,
  outcome: StitchOutcome,
  config: IdentityConfig,
): Promise<void> {
  const d = engine.dialect;
  const edges: number[] = [];
  for (let e = 0; e < graph.edgeCount; e++) if (outcome.reason[e] !== 0) edges.push(e);
  const pick = (of: ArrayLike<number>) => Int32Array.from(edges, (e) => of[e]!);
  await engine.execute(sql('DELETE FROM identity_refused_edges'));
  await engine.appendIntegers('identity_refused_edges', [
    pick(graph.left),
    pick(graph.right),
    pick(outcome.reason),
    pick(outcome.reasonType),
  ]);
  const reasons = REFUSAL_REASONS.map((r, code) => `WHEN ${code} THEN ${d.quoteLiteral(r)}`);
  const details = REFUSAL_REASONS.slice(1).flatMap((r, i) =>
    IDENTIFIER_FIELDS.map(
      (t, ti) =>
        `WHEN f.reason = ${i + 1} AND f.type_index = ${ti} THEN ${d.quoteLiteral(detail(r, t, config))}`,
    ),
  );
  await engine.execute(
    refusedEdgesAuditSql(`CASE f.reason ${reasons.join(' ')} END`, `CASE ${details.join(' ')} END`),
  );
}

/**
 * The devices the guards found shared, to identity_shared_devices (kept across runs, so that an
 * incremental run can count them all): their node numbers go to the warehouse as integers.
 */
export async function writeSharedDevices(engine: Engine, shared: Uint8Array): Promise<void> {
  const nodes: number[] = [];
  for (let v = 0; v < shared.length; v++) if (shared[v] === 1) nodes.push(v);
  await engine.execute(sql('DELETE FROM identity_selected_nodes'));
  await engine.appendIntegers('identity_selected_nodes', [Int32Array.from(nodes)]);
  await engine.execute(
    sql(`INSERT INTO identity_shared_devices (identifier_type, identifier_value)
SELECT identifier_type, identifier_value FROM identity_nodes
WHERE node IN (SELECT node FROM identity_selected_nodes)`),
  );
}
