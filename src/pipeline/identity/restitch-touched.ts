import { IDENTIFIER_FIELDS } from '../../core/canonical/source-kinds.js';
import type { IdentityConfig } from '../../core/config/config.js';
import { guardedStitch } from '../../core/identity/guarded-stitch.js';
import { compileStitchGuards } from '../../core/identity/stitch-guards.js';
import type { Engine } from '../../engine/engine.js';
import { writeIdentifiersSql } from '../../engine/sql/identity-graph-sql.js';
import {
  deleteTouchedRowsSql,
  replaceEdgesSql,
} from '../../engine/sql/incremental-identity-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { refreshStatistics } from '../refresh-statistics.js';
import { assignPersonIds, type AssignedPersonIds } from './assign-person-ids.js';
import { numberTouchedGraph } from './number-identity-graph.js';
import { guardsOf } from './resolve-persons.js';
import { writeRefusedEdges, writeSharedDevices } from './write-refused-edges.js';

export interface Restitched {
  /** Identifiers re-stitched: the touched persons' and the new ones. */
  readonly identifiers: number;
  readonly ids: AssignedPersonIds;
}

/**
 * The incremental path (see plan-identity-run.ts): the changed edges replace their stored rows;
 * the touched persons' identifiers and the new ones are numbered, stitched under the guards as a
 * full run would stitch them, given ids as a full run would (only the touched persons' ids are in
 * play), and their rows of identifiers, merge_audit and identity_shared_devices replaced. Every
 * other person's rows, and probabilistic matching's, stay as they are.
 */
export async function restitchTouched(
  engine: Engine,
  config: IdentityConfig,
  plan: { readonly junkIdentifiers: number; readonly movedEdges: number },
): Promise<Restitched> {
  for (const statement of replaceEdgesSql('changed', plan.movedEdges > 0))
    await engine.execute(statement);
  const graph = await numberTouchedGraph(engine, plan.junkIdentifiers);
  const outcome = guardedStitch(graph, compileStitchGuards(guardsOf(config), IDENTIFIER_FIELDS));

  await engine.execute(sql('DELETE FROM identity_node_persons'));
  await engine.appendIntegers('identity_node_persons', [
    Int32Array.from({ length: graph.nodeCount }, (_v, i) => i),
    outcome.component,
  ]);
  await refreshStatistics(engine, ['identity_node_persons']);
  const ids = await assignPersonIds(engine, 'identity_touched_persons');
  for (const statement of deleteTouchedRowsSql()) await engine.execute(statement);
  await engine.execute(writeIdentifiersSql());
  await refreshStatistics(engine, ['identifiers']);
  await writeRefusedEdges(engine, graph, outcome, config);
  await writeSharedDevices(engine, outcome.shared);
  return { identifiers: graph.nodeCount, ids };
}
