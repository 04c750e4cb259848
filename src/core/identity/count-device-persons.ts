import type { DisjointSet } from './disjoint-set.js';
import type { NumberedGraph } from './guarded-stitch.js';
import type { CompiledGuards } from './stitch-guards.js';

/**
 * Per device identifier, the distinct persons (current sets) among its non-device neighbours,
 * counted up to the limit + 1. Uses a compressed adjacency (counts, prefix sums, fill) rather
 * than a set per device, so ten million edges cost three passes over typed arrays.
 */
export function countDevicePersons(
  graph: NumberedGraph,
  guards: CompiledGuards,
  sets: DisjointSet,
  deviceEdge: Uint8Array,
): Int32Array {
  const { nodeCount: n, nodeType, edgeCount: E, left, right } = graph;
  const isDevice = (v: number) => guards.device[nodeType[v]!] === 1;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < E; e++) {
    if (deviceEdge[e] === 0) continue;
    const a = left[e]!;
    const b = right[e]!;
    if (isDevice(a) && !isDevice(b)) start[a + 1]!++;
    if (isDevice(b) && !isDevice(a)) start[b + 1]!++;
  }
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const roots = new Int32Array(start[n]!);
  for (let e = 0; e < E; e++) {
    if (deviceEdge[e] === 0) continue;
    const a = left[e]!;
    const b = right[e]!;
    if (isDevice(a) && !isDevice(b)) roots[fill[a]!++] = sets.find(b);
    if (isDevice(b) && !isDevice(a)) roots[fill[b]!++] = sets.find(a);
  }
  const persons = new Int32Array(n);
  const cap = guards.maxPersonsPerDevice + 1;
  for (let v = 0; v < n; v++) {
    const from = start[v]!;
    const to = start[v + 1]!;
    if (to - from < 2) {
      persons[v] = to - from;
      continue;
    }
    roots.subarray(from, to).sort();
    let count = 1;
    for (let k = from + 1; k < to && count < cap; k++) if (roots[k] !== roots[k - 1]) count++;
    persons[v] = count;
  }
  return persons;
}
