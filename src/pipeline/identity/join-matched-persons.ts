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
export function joinMatchedPersons(
  graph: IdentityGraph,
  component: Int32Array,
  links: readonly ProbabilisticLink[],
  guards: Pick<StitchGuardConfig, 'maxPerType' | 'uniqueTypes'>,
): MatchedPersons {
  const limited = (type: string) =>
    guards.uniqueTypes.includes(type) ? undefined : guards.maxPerType[type];
  const involved = new Set(links.flatMap((l) => [l.leftComponent, l.rightComponent]));
  // Per involved component: how many identifiers of each limited type it holds.
  const counts = new Map<number, Map<string, number>>();
  for (let v = 0; v < graph.nodeCount; v++) {
    const c = component[v]!;
    if (!involved.has(c)) continue;
    const { type } = splitIdentifierKey(graph.keyOf(v));
    if (limited(type) === undefined) continue;
    const m = counts.get(c) ?? new Map<string, number>();
    m.set(type, (m.get(type) ?? 0) + 1);
    counts.set(c, m);
  }
  const sets = new DisjointSet(graph.nodeCount);
  const accepted: ProbabilisticLink[] = [];
  const overLimit: RefusedLink[] = [];
  for (const link of [...links].sort(byStrength)) {
    const a = sets.find(link.leftComponent);
    const b = sets.find(link.rightComponent);
    if (a === b) {
      accepted.push(link);
      continue;
    }
    const ca = counts.get(a) ?? new Map<string, number>();
    const cb = counts.get(b) ?? new Map<string, number>();
    let breach: string | undefined;
    for (const [type, n] of ca) {
      const total = n + (cb.get(type) ?? 0);
      const limit = limited(type)!;
      if (total > limit) breach = `would hold ${total} ${type} identifiers, limit ${limit}`;
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
    const root = sets.find(a);
    const merged = new Map(ca);
    for (const [type, n] of cb) merged.set(type, (merged.get(type) ?? 0) + n);
    counts.set(root, merged);
    accepted.push(link);
  }
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
  persons.sort((x, y) => (x[0]! < y[0]! ? -1 : x[0]! > y[0]! ? 1 : 0));
  return { persons, accepted, overLimit };
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
