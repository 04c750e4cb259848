import type { DisjointSet } from './disjoint-set.js';
import type { NumberedGraph } from './guarded-stitch.js';
import { ACCEPTED, TYPE_LIMIT, UNIQUE_CONFLICT, type CompiledGuards } from './stitch-guards.js';

/**
 * Finds components holding more identifiers of a type than its limit allows and rebuilds them
 * from their own edges: strongest first, then non-device before device, then by the nodes'
 * order, refusing each union that would break a limit. The order is canonical, so the result
 * does not depend on the order edges arrived in.
 */
export function createRebuild(
  graph: NumberedGraph,
  guards: CompiledGuards,
  sets: DisjointSet,
  reason: Uint8Array,
  reasonType: Uint8Array,
  deviceEdge: Uint8Array,
): (include: (edge: number) => boolean) => void {
  const { nodeCount: n, nodeType, edgeCount: E, left, right } = graph;
  // Per type index, the count of that type under each root; null for types without a limit.
  const counts = Array.from(guards.limit, (max) => (max > 0 ? new Uint8Array(n) : null));
  const limited = counts.flatMap((c, t) => (c ? [t] : []));
  const compareNodes = graph.compareNodes ?? ((a: number, b: number) => a - b);
  const strength = graph.strength;
  const rank = new Int32Array(n);
  return (include) => {
    for (const t of limited) counts[t]!.fill(0);
    for (let v = 0; v < n; v++) {
      const c = counts[nodeType[v]!];
      if (c) {
        const r = sets.find(v);
        if (c[r]! < 255) c[r]!++;
      }
    }
    const broken = new Uint8Array(n);
    let any = false;
    for (const t of limited) {
      const c = counts[t]!;
      const max = guards.limit[t]!;
      for (let r = 0; r < n; r++) {
        if (c[r]! > max) {
          broken[r] = 1;
          any = true;
        }
      }
    }
    if (!any) return;
    const members: number[] = [];
    for (let v = 0; v < n; v++) if (broken[sets.find(v)] === 1) members.push(v);
    const edges: number[] = [];
    for (let e = 0; e < E; e++) {
      const a = left[e]!;
      const b = right[e]!;
      if (a !== b && include(e) && broken[sets.find(a)] === 1 && broken[sets.find(b)] === 1)
        edges.push(e);
    }
    // Rank members once by the caller's order, so the edge sort compares integers.
    members.sort(compareNodes).forEach((v, i) => (rank[v] = i));
    for (const v of members) {
      sets.reset(v);
      for (const t of limited) counts[t]![v] = nodeType[v] === t ? 1 : 0;
    }
    const lo = (e: number) => Math.min(rank[left[e]!]!, rank[right[e]!]!);
    const hi = (e: number) => Math.max(rank[left[e]!]!, rank[right[e]!]!);
    edges.sort(
      (x, y) =>
        (strength ? strength[y]! - strength[x]! : 0) ||
        deviceEdge[x]! - deviceEdge[y]! ||
        lo(x) - lo(y) ||
        hi(x) - hi(y) ||
        x - y,
    );
    for (const e of edges) {
      const ra = sets.find(left[e]!);
      const rb = sets.find(right[e]!);
      reason[e] = ACCEPTED;
      if (ra === rb) continue;
      let refusedBy = -1;
      for (const t of limited) {
        const c = counts[t]!;
        if (c[ra]! + c[rb]! > guards.limit[t]!) {
          refusedBy = t;
          break;
        }
      }
      if (refusedBy >= 0) {
        reason[e] = guards.unique[refusedBy] === 1 ? UNIQUE_CONFLICT : TYPE_LIMIT;
        reasonType[e] = refusedBy;
        continue;
      }
      const root = sets.link(ra, rb);
      const other = root === ra ? rb : ra;
      for (const t of limited) {
        const c = counts[t]!;
        c[root] = Math.min(255, c[root]! + c[other]!);
      }
    }
  };
}
