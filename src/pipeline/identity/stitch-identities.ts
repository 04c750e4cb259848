import { SOURCE_KIND_NAMES } from '../../core/canonical/source-kinds.js';
import { UnionFind } from '../../core/identity/union-find.js';
import type { Engine, LoadValue } from '../../engine/engine.js';
import { landingTableName } from '../../engine/schema/table-spec.js';
import {
  buildEdgesSql,
  buildIdentifiersSql,
  buildPersonsSql,
  distinctEdgesSql,
  distinctIdentifiersSql,
} from '../../engine/sql/identity-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { refreshStatistics } from '../refresh-statistics.js';

export interface StitchResult {
  readonly identifiers: number;
  readonly edges: number;
  readonly persons: number;
  readonly largestPerson: number;
}

// Type and value joined by a character no normalised identifier contains.
const SEP = '\u0001';

/**
 * Deterministic stitching: identifiers that appear on one record belong to one person. Edges are
 * found in SQL; connected components by union-find here (they need a loop SQL lacks); each
 * component is named by its smallest identifier so person ids do not depend on input order.
 */
export async function stitchIdentities(engine: Engine): Promise<StitchResult> {
  // The load stage has just rewritten every landing table this stage and the next ones read.
  await refreshStatistics(engine, SOURCE_KIND_NAMES.map(landingTableName));
  await engine.execute(buildEdgesSql(engine.dialect));
  await refreshStatistics(engine, ['identity_edges']);
  const sets = new UnionFind();
  const nodes = await engine.query(distinctIdentifiersSql(engine.dialect));
  for (const n of nodes) sets.add(`${String(n.id_type)}${SEP}${String(n.id_value)}`);
  const edges = await engine.query(distinctEdgesSql());
  for (const e of edges) {
    sets.union(
      `${String(e.left_type)}${SEP}${String(e.left_value)}`,
      `${String(e.right_type)}${SEP}${String(e.right_value)}`,
    );
  }
  const groups = sets.groups();
  let largest = 0;
  function* components(): Iterable<LoadValue[]> {
    for (const group of groups) {
      largest = Math.max(largest, group.length);
      const representative = group.reduce((min, key) => (key < min ? key : min));
      for (const key of group) {
        const [type = '', value = ''] = key.split(SEP);
        yield [type, value, representative];
      }
    }
  }
  await engine.append('identity_components', components());
  await refreshStatistics(engine, ['identity_components']);
  await engine.execute(buildIdentifiersSql(engine.dialect));
  await refreshStatistics(engine, ['identifiers']);
  await engine.execute(buildPersonsSql());
  await refreshStatistics(engine, ['persons']);
  const [persons] = await engine.query(sql('SELECT COUNT(*) AS n FROM persons'));
  return {
    identifiers: nodes.length,
    edges: edges.length,
    persons: Number(persons?.n ?? 0),
    largestPerson: largest,
  };
}
