import { stableHash } from './stable-hash.js';

export interface StablePersonIdInput {
  /** This run's persons, each as its identifier keys. */
  readonly components: readonly (readonly string[])[];
  /** Last run's person id of each identifier. */
  readonly previous: ReadonlyMap<string, string>;
  /**
   * When each earlier person was first seen (smaller is older), as the caller records it; ids
   * missing here count as newest. Ties break by id.
   */
  readonly firstSeen: ReadonlyMap<string, number>;
  /** Prefix of new ids. Default `p_`. */
  readonly prefix?: string;
  /**
   * Names a new person from its smallest identifier key (a salted key on a collision); replaces
   * `prefix + stableHash(key)`, e.g. to keep the ids an earlier naming rule gave.
   */
  readonly name?: (key: string) => string;
}

/** An earlier person id no longer in use, and where its identifiers went. */
export interface RetiredPersonId {
  readonly personId: string;
  readonly reason: 'merged' | 'gone';
  /** The id now holding its identifiers (merged), absent when they all disappeared. */
  readonly into?: string;
}

export interface StablePersonIds {
  /** Person id of each component, in the order given. */
  readonly personIds: readonly string[];
  readonly retired: readonly RetiredPersonId[];
  /** Components whose id is new (a new person, or a part split off an earlier one). */
  readonly created: number;
}

const smallest = (keys: readonly string[]) => keys.reduce((m, k) => (k < m ? k : m), keys[0] ?? '');

/**
 * Person ids that survive re-runs. Each earlier id has one heir: the component now holding most
 * of its identifiers (ties: the component with the smallest identifier). A component that is
 * heir to several ids (a merge) keeps the oldest and retires the rest; a component heir to none
 * (a new person, or the smaller part of a split) gets `prefix + hash(its smallest identifier)`,
 * re-hashed with a counter on the rare collision with an id in use. Every choice depends only on
 * the sets involved, never on the order of components or identifiers.
 */
export function assignStablePersonIds(input: StablePersonIdInput): StablePersonIds {
  const { components, previous, firstSeen } = input;
  const prefix = input.prefix ?? 'p_';
  const name = input.name ?? ((key: string) => prefix + stableHash(key));
  const minKey = components.map(smallest);
  // Per earlier id, its best component so far: most identifiers, then smallest identifier.
  const heir = new Map<string, { component: number; count: number }>();
  components.forEach((keys, c) => {
    const tally = new Map<string, number>();
    for (const k of keys) {
      const old = previous.get(k);
      if (old !== undefined) tally.set(old, (tally.get(old) ?? 0) + 1);
    }
    for (const [old, count] of tally) {
      const best = heir.get(old);
      if (
        !best ||
        count > best.count ||
        (count === best.count && minKey[c]! < minKey[best.component]!)
      )
        heir.set(old, { component: c, count });
    }
  });
  const inherited = new Map<number, string[]>();
  for (const [old, { component }] of heir) {
    const list = inherited.get(component);
    if (list) list.push(old);
    else inherited.set(component, [old]);
  }
  const age = (id: string) => firstSeen.get(id) ?? Infinity;
  const personIds: string[] = new Array<string>(components.length).fill('');
  const retired: RetiredPersonId[] = [];
  const inUse = new Set(previous.values());
  for (const [c, olds] of inherited) {
    olds.sort((a, b) => age(a) - age(b) || (a < b ? -1 : a > b ? 1 : 0));
    const keep = olds[0]!;
    personIds[c] = keep;
    for (const old of olds.slice(1)) retired.push({ personId: old, reason: 'merged', into: keep });
  }
  for (const old of inUse) if (!heir.has(old)) retired.push({ personId: old, reason: 'gone' });
  // New ids in order of smallest identifier, so collisions resolve the same way every run.
  const fresh = components
    .map((_, c) => c)
    .filter((c) => !inherited.has(c))
    .sort((a, b) => (minKey[a]! < minKey[b]! ? -1 : minKey[a]! > minKey[b]! ? 1 : a - b));
  for (const c of fresh) {
    let id = name(minKey[c]!);
    for (let salt = 1; inUse.has(id); salt++) id = name(`${minKey[c]!}#${salt}`);
    inUse.add(id);
    personIds[c] = id;
  }
  retired.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
  return { personIds, retired, created: fresh.length };
}
