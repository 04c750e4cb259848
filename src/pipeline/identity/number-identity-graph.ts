import type { NumberedGraph } from '../../core/identity/guarded-stitch.js';
import type { JunkValuePolicy } from '../../core/identity/junk-value-filter.js';
import { resolveJunkPolicy } from '../../core/identity/junk-value-filter.js';
import type { Engine } from '../../engine/engine.js';
import {
  nodeTypesSql,
  numberNodesSql,
  numberedEdgesSql,
} from '../../engine/sql/identity-graph-sql.js';
import { numberTouchedNodesSql } from '../../engine/sql/incremental-identity-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { refreshStatistics } from '../refresh-statistics.js';

export interface NumberedIdentityGraph extends NumberedGraph {
  /** Distinct identifiers seen, junk included. */
  readonly identifiers: number;
  readonly junkIdentifiers: number;
}

/**
 * Numbers the identity graph in the warehouse: every distinct non-junk identifier becomes a row
 * of identity_nodes (numbered in identifier-key order), and the deterministic edges are read back
 * as two Int32Arrays of node numbers, the node types as a third. No identifier string crosses into
 * TypeScript. `source` replaces the landing tables as the identifiers' origin (benchmarks).
 */
export async function numberIdentityGraph(
  engine: Engine,
  junk: JunkValuePolicy,
  source?: string,
): Promise<NumberedIdentityGraph> {
  await engine.execute(sql('DELETE FROM identity_nodes'));
  await engine.execute(numberNodesSql(engine.dialect, resolveJunkPolicy(junk), source));
  const [junkCount] = await engine.query(
    sql('SELECT COUNT(*) AS junk FROM identity_nodes WHERE node IS NULL'),
  );
  const junkIdentifiers = Number(junkCount?.junk ?? 0);
  if (junkIdentifiers > 0)
    await engine.execute(sql('DELETE FROM identity_nodes WHERE node IS NULL'));
  return readNumberedGraph(engine, junkIdentifiers);
}

/**
 * The subgraph an incremental run re-stitches: the identifiers of the touched persons and the new
 * ones (see plan-identity-run.ts), numbered in identifier-key order, with the stored edges among
 * them.
 */
export async function numberTouchedGraph(
  engine: Engine,
  junkIdentifiers: number,
): Promise<NumberedIdentityGraph> {
  await engine.execute(sql('DELETE FROM identity_nodes'));
  await engine.execute(numberTouchedNodesSql(engine.dialect));
  return readNumberedGraph(engine, junkIdentifiers);
}

async function readNumberedGraph(
  engine: Engine,
  junkIdentifiers: number,
): Promise<NumberedIdentityGraph> {
  await refreshStatistics(engine, ['identity_nodes']);
  const [types] = await engine.readIntegers(nodeTypesSql(), 1);
  const nodeType = Uint8Array.from(types!);
  const [left, right] = await engine.readIntegers(numberedEdgesSql(), 2);
  return {
    nodeCount: nodeType.length,
    nodeType,
    edgeCount: left!.length,
    left: left!,
    right: right!,
    identifiers: nodeType.length + junkIdentifiers,
    junkIdentifiers,
  };
}
