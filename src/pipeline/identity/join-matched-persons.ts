import { DisjointSet } from '../../core/identity/disjoint-set.js';
import { splitIdentifierKey } from '../../core/identity/identifier-key.js';
import type { IdentityGraph } from '../../core/identity/identity-graph.js';
import type { LoadValue } from '../../engine/engine.js';
import type { ProbabilisticLink, RefusedLink } from './match-persons.js';

/**
 * The persons of the run: the deterministic components (`component`: per node, its component's
 * smallest node), joined by the accepted probabilistic links. Each person is its sorted
 * identifier keys; persons are ordered by their smallest key, so nothing depends on numbering.
 */
export function joinMatchedPersons(
  graph: IdentityGraph,
  component: Int32Array,
  links: readonly ProbabilisticLink[],
): string[][] {
  const sets = new DisjointSet(graph.nodeCount);
  for (const l of links) sets.union(l.leftComponent, l.rightComponent);
  const groups = new Map<number, string[]>();
  for (let v = 0; v < graph.nodeCount; v++) {
    const root = sets.find(component[v]!);
    const key = graph.keyOf(v);
    const g = groups.get(root);
    if (g) g.push(key);
    else groups.set(root, [key]);
  }
  const persons = [...groups.values()];
  for (const p of persons) p.sort();
  return persons.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
}

/** The left and right identifiers of a link as the four leading columns of its row. */
function linkEnds(leftKey: string, rightKey: string): LoadValue[] {
  const left = splitIdentifierKey(leftKey);
  const right = splitIdentifierKey(rightKey);
  return [left.type, left.value, right.type, right.value];
}

/** identity_edges rows of accepted links: rule `probabilistic`, with score and levels. */
export function* probabilisticEdges(links: readonly ProbabilisticLink[]): Iterable<LoadValue[]> {
  for (const l of links) {
    yield [
      ...linkEnds(l.leftKey, l.rightKey),
      'matching',
      l.records,
      'probabilistic',
      l.probability,
      l.weight,
      l.levels,
    ];
  }
}

/** merge_audit rows of links the clustering guard refused. */
export function* refusedLinkAudit(refused: readonly RefusedLink[]): Iterable<LoadValue[]> {
  for (const r of refused) {
    yield [
      ...linkEnds(r.leftKey, r.rightKey),
      r.reason,
      `match probability ${r.probability.toPrecision(4)}: ${r.detail}`,
      null,
    ];
  }
}
