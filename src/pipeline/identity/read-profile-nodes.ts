import { identifierKey } from '../../core/identity/identifier-key.js';
import type { Engine } from '../../engine/engine.js';
import { selectedNodeKeysSql } from '../../engine/sql/identity-graph-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import type { ProfileNodes } from './match-persons.js';
import type { ProfileEvidence } from './read-person-profiles.js';

/**
 * The nodes of every person that carries a profile, with their identifier keys: the only
 * identifier text matching needs. The node numbers go to the warehouse as integers and only
 * their keys come back.
 */
export async function readProfileNodes(
  engine: Engine,
  component: Int32Array,
  evidence: readonly ProfileEvidence[],
): Promise<ProfileNodes> {
  if (evidence.length === 0) return { keyOf: () => '', members: [] };
  const profiled = new Uint8Array(component.length);
  for (const e of evidence) profiled[component[e.node]!] = 1;
  const members: number[] = [];
  for (let v = 0; v < component.length; v++) if (profiled[component[v]!] === 1) members.push(v);
  await engine.execute(sql('DELETE FROM identity_selected_nodes'));
  await engine.appendIntegers('identity_selected_nodes', [Int32Array.from(members)]);
  const keys = new Map<number, string>();
  for (const r of await engine.query(selectedNodeKeysSql()))
    keys.set(Number(r.node), identifierKey(String(r.identifier_type), String(r.identifier_value)));
  return { keyOf: (node) => keys.get(node) ?? '', members };
}
