import { splitIdentifierKey } from './identifier-key.js';
import { IdentityGraph, type RefusedMerge } from './identity-graph.js';
import { assignStablePersonIds, type RetiredPersonId } from './stable-person-ids.js';
import type { StitchGuardConfig } from './stitch-guards.js';

/** An edge between two identifier keys (see identifierKey). */
export interface KeyEdge {
  readonly left: string;
  readonly right: string;
  readonly strength?: number;
}

/**
 * Step 1 of an incremental run: the persons new edges touch, plus (one hop) the persons at the
 * other end of edges the last run refused from them, because those refusals may be decided
 * differently now. Identifiers no person holds yet are returned apart.
 */
export function touchedPersons(
  newEdges: Iterable<KeyEdge>,
  personOf: (key: string) => string | undefined,
  refusedNeighbours: (person: string) => Iterable<string> = () => [],
): { readonly persons: Set<string>; readonly newIdentifiers: Set<string> } {
  const direct = new Set<string>();
  const newIdentifiers = new Set<string>();
  for (const e of newEdges) {
    for (const key of [e.left, e.right]) {
      const p = personOf(key);
      if (p === undefined) newIdentifiers.add(key);
      else direct.add(p);
    }
  }
  const persons = new Set(direct);
  for (const p of direct) for (const q of refusedNeighbours(p)) persons.add(q);
  return { persons, newIdentifiers };
}

export interface IncrementalStitchInput {
  readonly typeNames: readonly string[];
  readonly guards: StitchGuardConfig;
  /** Every identifier of the touched persons (from touchedPersons). */
  readonly identifiers: Iterable<string>;
  /** Stored edges whose two ends both belong to touched persons, accepted or refused before. */
  readonly storedEdges: Iterable<KeyEdge>;
  readonly newEdges: Iterable<KeyEdge>;
  /** Last run's person of each identifier of the touched persons. */
  readonly previous: ReadonlyMap<string, string>;
  readonly firstSeen: ReadonlyMap<string, number>;
  /** Devices found shared by earlier runs: persons seen with them only grow, so they stay shared. */
  readonly knownSharedDevices?: Iterable<string>;
}

export interface IncrementalStitchResult {
  readonly persons: readonly {
    readonly personId: string;
    readonly identifiers: readonly string[];
  }[];
  readonly refused: readonly RefusedMerge[];
  readonly retired: readonly RetiredPersonId[];
  readonly sharedDevices: readonly { readonly identifier: string; readonly persons: number }[];
}

/**
 * Step 2: re-stitch only the touched persons. The caller (pipeline) runs touchedPersons, loads
 * the identifiers of those persons and the stored edges among them, calls this, and replaces the
 * rows of the touched persons (and of retired ids) only; every other person is left as it is.
 *
 * Why this agrees with a full run: the guards act within connected components, and a component
 * no new edge reaches is unchanged, so its person and id stay. What a touched subgraph cannot
 * see are refusals two or more hops away; devices therefore keep the shared status earlier runs
 * gave them (the persons seen with a device only accumulate), and a periodic full run remains
 * the reference. incremental-stitch.test.ts holds both to the same answer.
 */
export function incrementalStitch(input: IncrementalStitchInput): IncrementalStitchResult {
  const graph = new IdentityGraph(input.typeNames);
  for (const key of input.identifiers) {
    const { type, value } = splitIdentifierKey(key);
    graph.add(type, value);
  }
  for (const edges of [input.storedEdges, input.newEdges]) {
    for (const e of edges) {
      const l = splitIdentifierKey(e.left);
      const r = splitIdentifierKey(e.right);
      graph.addEdge(l.type, l.value, r.type, r.value, e.strength ?? 1);
    }
  }
  const stitched = graph.stitch(input.guards, input.knownSharedDevices ?? []);
  const components = stitched.persons();
  const ids = assignStablePersonIds({
    components,
    previous: input.previous,
    firstSeen: input.firstSeen,
  });
  return {
    persons: components.map((identifiers, c) => ({ personId: ids.personIds[c]!, identifiers })),
    refused: stitched.refused,
    retired: ids.retired,
    sharedDevices: stitched.sharedDevices,
  };
}
