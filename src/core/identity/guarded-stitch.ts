import { countDevicePersons } from './count-device-persons.js';
import { DisjointSet } from './disjoint-set.js';
import { createRebuild } from './rebuild-over-limit.js';
import { ACCEPTED, SHARED_DEVICE, type CompiledGuards } from './stitch-guards.js';

/** A numbered identity graph: nodes are identifiers 0..nodeCount-1, edges index pairs. */
export interface NumberedGraph {
  readonly nodeCount: number;
  /** Type index of each node (see CompiledGuards.typeNames). */
  readonly nodeType: Uint8Array;
  readonly edgeCount: number;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Per edge, higher is kept first when the guards must choose. Default: all equal. */
  readonly strength?: Float64Array;
  /**
   * Orders nodes when guards choose between equally strong edges. Default: by number. Pass a
   * comparison of the identifiers themselves to make results independent of the numbering.
   */
  readonly compareNodes?: (a: number, b: number) => number;
  /** Devices already known to be shared (from an earlier run): they merge nothing. */
  readonly sharedDevices?: Uint8Array;
}

export interface StitchOutcome {
  /** Per node, the smallest node number of its person. */
  readonly component: Int32Array;
  readonly components: number;
  readonly largest: number;
  /** Per edge, ACCEPTED or the refusal reason code (an index into REFUSAL_REASONS). */
  readonly reason: Uint8Array;
  /** Per refused edge, the type index whose guard refused it. */
  readonly reasonType: Uint8Array;
  /** Per node, 1 for a shared device; shared devices stay persons of their own. */
  readonly shared: Uint8Array;
  /** Per node, for devices: otherwise separate persons seen with it (capped at the limit + 1). */
  readonly devicePersons: Int32Array;
}

/**
 * Deterministic stitching under the guards, in three passes over typed arrays:
 * 1. union every edge between non-device identifiers, then rebuild only the components that
 *    break a per-type limit (see rebuild);
 * 2. count, for each device identifier, the distinct persons of pass 1 it was seen with; over
 *    the limit it is a shared device and all its edges are refused;
 * 3. union the remaining device edges and rebuild the components that now break a limit.
 * Components that break no guard (nearly all) never leave the fast path.
 */
export function guardedStitch(graph: NumberedGraph, guards: CompiledGuards): StitchOutcome {
  const { nodeCount: n, nodeType, edgeCount: E, left, right } = graph;
  const sets = new DisjointSet(n);
  const reason = new Uint8Array(E);
  const reasonType = new Uint8Array(E);
  const isDevice = (v: number) => guards.device[nodeType[v]!] === 1;
  const deviceEdge = new Uint8Array(E);
  for (let e = 0; e < E; e++) {
    const a = left[e]!;
    const b = right[e]!;
    if (isDevice(a) || isDevice(b)) deviceEdge[e] = 1;
    else if (a !== b) sets.union(a, b);
  }
  const rebuild = createRebuild(graph, guards, sets, reason, reasonType, deviceEdge);
  rebuild((e) => deviceEdge[e] === 0);

  const shared = graph.sharedDevices ? Uint8Array.from(graph.sharedDevices) : new Uint8Array(n);
  const devicePersons = countDevicePersons(graph, guards, sets, deviceEdge);
  for (let v = 0; v < n; v++) if (devicePersons[v]! > guards.maxPersonsPerDevice) shared[v] = 1;
  for (let e = 0; e < E; e++) {
    if (deviceEdge[e] === 0) continue;
    const a = left[e]!;
    const b = right[e]!;
    if (shared[a] === 1 || shared[b] === 1) {
      reason[e] = SHARED_DEVICE;
      reasonType[e] = nodeType[shared[a] === 1 ? a : b]!;
    } else if (a !== b) sets.union(a, b);
  }
  rebuild((e) => reason[e] !== SHARED_DEVICE);
  // An edge refused early whose ends were joined later by other edges refused nothing.
  for (let e = 0; e < E; e++) {
    if (
      reason[e] !== ACCEPTED &&
      reason[e] !== SHARED_DEVICE &&
      sets.find(left[e]!) === sets.find(right[e]!)
    )
      reason[e] = ACCEPTED;
  }

  const component = new Int32Array(n).fill(-1);
  const sizes = new Int32Array(n);
  let components = 0;
  let largest = 0;
  for (let v = 0; v < n; v++) {
    const r = sets.find(v);
    if (component[r] === -1) {
      component[r] = v;
      components++;
    }
    component[v] = component[r]!;
    const s = ++sizes[r]!;
    if (s > largest) largest = s;
  }
  return { component, components, largest, reason, reasonType, shared, devicePersons };
}
