import { DisjointSet } from '../../core/identity/disjoint-set.js';
import { splitIdentifierKey } from '../../core/identity/identifier-key.js';
import type { IdentityGraph } from '../../core/identity/identity-graph.js';
import type { StitchGuardConfig } from '../../core/identity/stitch-guards.js';
import type { LoadValue } from '../../engine/engine.js';
import type { ProbabilisticLink, RefusedLink } from './match-persons.js';

/** The persons of the run, the links that joined them, and the links the type limits refused. */
export interface MatchedPersons {
  /** Each person is its sorted identifier keys, persons ordered by their smallest key. */
  readonly persons: string[][];
  readonly accepted: readonly ProbabilisticLink[];
  readonly overLimit: readonly RefusedLink[];
}

/** The same over numbered nodes: the person of each node, as the smallest node of that person. */
export interface MatchedNodes {
  readonly person: Int32Array;
  readonly accepted: readonly ProbabilisticLink[];
  readonly overLimit: readonly RefusedLink[];
}

/** The nodes' types: per node a type index into typeNames. */
export interface NodeTypes {
  readonly nodeType: Uint8Array;
  readonly typeNames: readonly string[];
}

const byStrength = (a: ProbabilisticLink, b: ProbabilisticLink) =>
  b.probability - a.probability ||
  (a.leftKey < b.leftKey ? -1 : a.leftKey > b.leftKey ? 1 : 0) ||
  (a.rightKey < b.rightKey ? -1 : a.rightKey > b.rightKey ? 1 : 0);

/**
 * The deterministic components (`component`: per node, its component's smallest node), joined
 * by the accepted probabilistic links, strongest first. A link whose union would give one person
 * more identifiers of a type than `maxPerType` allows is refused, as deterministic stitching
 * refuses such an edge. Unique types are left to the clustering guard, which lets two CRM
 * contacts join only as duplicates above its stricter threshold.
 */
export function joinMatchedNodes(
  types: NodeTypes,
  component: Int32Array,
  links: readonly ProbabilisticLink[],
  guards: Pick<StitchGuardConfig, 'maxPerType' | 'uniqueTypes'>,
): MatchedNodes {
  const { nodeType, typeNames } = types;
  const n = component.length;
  const limit = typeNames.map((t) =>
    guards.uniqueTypes.includes(t) ? 0 : (guards.maxPerType[t] ?? 0),
  );
  const involved = new Uint8Array(n);
  for (const l of links) involved[l.leftComponent] = involved[l.rightComponent] = 1;
  // Per involved component: how many identifiers of each limited type it holds.
  const counts = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    const c = component[v]!;
    if (involved[c] === 0 || limit[nodeType[v]!] === 0) continue;
    const m = counts.get(c) ?? new Array<number>(typeNames.length).fill(0);
    m[nodeType[v]!]!++;
    counts.set(c, m);
  }
  const none = new Array<number>(typeNames.length).fill(0);
  const sets = new DisjointSet(n);
  const accepted: ProbabilisticLink[] = [];
  const overLimit: RefusedLink[] = [];
  for (const link of [...links].sort(byStrength)) {
    const a = sets.find(link.leftComponent);
    const b = sets.find(link.rightComponent);
    if (a === b) {
      accepted.push(link);
      continue;
    }
    const ca = counts.get(a) ?? none;
    const cb = counts.get(b) ?? none;
    let breach: string | undefined;
    for (let t = 0; t < typeNames.length; t++) {
      const total = ca[t]! + cb[t]!;
      if (ca[t]! > 0 && limit[t]! > 0 && total > limit[t]!)
        breach = `would hold ${total} ${typeNames[t]!} identifiers, limit ${limit[t]!}`;
    }
    if (breach) {
      overLimit.push({
        leftKey: link.leftKey,
        rightKey: link.rightKey,
        probability: link.probability,
        reason: 'probabilistic_type_limit',
        detail: breach,
      });
      continue;
    }
    sets.union(a, b);
    counts.set(
      sets.find(a),
      ca.map((x, t) => x + cb[t]!),
    );
    accepted.push(link);
  }
  if (accepted.length === 0) return { person: component, accepted, overLimit };
  // A joined person is named by the smallest node of the components it joins.
  const smallest = new Map<number, number>();
  for (let c = 0; c < n; c++) {
    if (involved[c] === 0) continue;
    const r = sets.find(c);
    const m = smallest.get(r);
    if (m === undefined || c < m) smallest.set(r, c);
  }
  const person = Int32Array.from(component);
  for (let v = 0; v < n; v++) {
    const c = component[v]!;
    if (involved[c] === 1) person[v] = smallest.get(sets.find(c))!;
  }
  return { person, accepted, overLimit };
}

/** joinMatchedNodes over a keyed graph, with persons as sorted identifier keys. */
export function joinMatchedPersons(
  graph: IdentityGraph,
  component: Int32Array,
  links: readonly ProbabilisticLink[],
  guards: Pick<StitchGuardConfig, 'maxPerType' | 'uniqueTypes'>,
): MatchedPersons {
  const typeIndex = new Map(graph.typeNames.map((t, i) => [t, i]));
  const nodeType = new Uint8Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++)
    nodeType[v] = typeIndex.get(splitIdentifierKey(graph.keyOf(v)).type)!;
  const joined = joinMatchedNodes(
    { nodeType, typeNames: graph.typeNames },
    component,
    links,
    guards,
  );
  const groups = new Map<number, string[]>();
  for (let v = 0; v < graph.nodeCount; v++) {
    const p = joined.person[v]!;
    const g = groups.get(p);
    if (g) g.push(graph.keyOf(v));
    else groups.set(p, [graph.keyOf(v)]);
  }
  const persons = [...groups.values()];
  for (const p of persons) p.sort();
  persons.sort((x, y) => (x[0]! < y[0]! ? -1 : x[0]! > y[0]! ? 1 : 0));
  return { persons, accepted: joined.accepted, overLimit: joined.overLimit };
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
