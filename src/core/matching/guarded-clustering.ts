/** A scored link between two records, a candidate edge of the clustering. */
export interface ScoredEdge {
  readonly left: number;
  readonly right: number;
  readonly probability: number;
}

/** A field whose two different values must not share a cluster (a CRM contact id). */
export interface UniqueKey {
  readonly name: string;
  /** The record's value, or null when it has none. */
  readonly valueOf: (record: number) => string | null;
  /** Two records with different values may still join when they match at least this well. */
  readonly allowAbove: number;
}

export interface ClusterGuardOptions {
  /** Edges at or above this probability are accepted as links. */
  readonly threshold: number;
  /** A union is refused when any two records it would join score below this directly. */
  readonly cannotLinkBelow: number;
  readonly uniqueKeys?: readonly UniqueKey[];
  /** Largest cluster a union may produce. Default 1000. */
  readonly maxClusterSize?: number;
}

/** Why the guard refused a union. */
export type RefusalReason = 'cannot_link' | 'unique_conflict' | 'max_cluster_size';

/** A link the guard refused, with the two records whose direct comparison forbade it. */
export interface RefusedUnion {
  readonly edge: ScoredEdge;
  readonly reason: RefusalReason;
  readonly detail: string;
  readonly conflict?: {
    readonly left: number;
    readonly right: number;
    readonly probability: number;
  };
}

export interface Clustering {
  /** Cluster index of every record; clusters are numbered by their smallest record. */
  readonly clusterOf: Int32Array;
  readonly clusters: readonly (readonly number[])[];
  readonly accepted: readonly ScoredEdge[];
  readonly refused: readonly RefusedUnion[];
}

const byStrength = (a: ScoredEdge, b: ScoredEdge) =>
  b.probability - a.probability || a.left - b.left || a.right - b.right;

/**
 * Clusters records by links, strongest first, refusing any union that would put two records in
 * one cluster that contradict each other: a direct score below `cannotLinkBelow`, or different
 * values of a unique key unless that pair scores at least its `allowAbove`. A chain A–B–C whose
 * ends conflict therefore stops at whichever link came second. Sorting by (probability, left,
 * right) makes the result independent of the order edges arrive in.
 */
export function clusterWithGuards(
  recordCount: number,
  edges: readonly ScoredEdge[],
  directProbability: (left: number, right: number) => number,
  options: ClusterGuardOptions,
): Clustering {
  const maxSize = options.maxClusterSize ?? 1000;
  const uniqueKeys = options.uniqueKeys ?? [];
  const keyValues = uniqueKeys.map((k) =>
    Array.from({ length: recordCount }, (_, r) => k.valueOf(r)),
  );
  const root = Int32Array.from({ length: recordCount }, (_, i) => i);
  const members: (number[] | undefined)[] = Array.from({ length: recordCount }, (_, i) => [i]);
  const accepted: ScoredEdge[] = [];
  const refused: RefusedUnion[] = [];

  const check = (
    a: readonly number[],
    b: readonly number[],
    edge: ScoredEdge,
  ): RefusedUnion | null => {
    if (a.length + b.length > maxSize)
      return {
        edge,
        reason: 'max_cluster_size',
        detail: `would hold ${a.length + b.length} records, limit ${maxSize}`,
      };
    for (const x of a) {
      for (const y of b) {
        const p =
          (x === edge.left && y === edge.right) || (x === edge.right && y === edge.left)
            ? edge.probability
            : directProbability(x, y);
        const conflict = { left: x, right: y, probability: p };
        if (p < options.cannotLinkBelow)
          return {
            edge,
            reason: 'cannot_link',
            detail: `records ${x} and ${y} score ${p.toPrecision(3)}`,
            conflict,
          };
        for (let k = 0; k < uniqueKeys.length; k++) {
          const vx = keyValues[k]![x] ?? null;
          const vy = keyValues[k]![y] ?? null;
          if (vx !== null && vy !== null && vx !== vy && p < uniqueKeys[k]!.allowAbove)
            return {
              edge,
              reason: 'unique_conflict',
              detail: `two values of ${uniqueKeys[k]!.name}`,
              conflict,
            };
        }
      }
    }
    return null;
  };

  for (const edge of edges.filter((e) => e.probability >= options.threshold).sort(byStrength)) {
    const ra = root[edge.left];
    const rb = root[edge.right];
    if (ra === undefined || rb === undefined)
      throw new RangeError(
        `edge ${edge.left}–${edge.right} names a record outside 0..${recordCount - 1}`,
      );
    if (ra === rb) continue; // self-edges, duplicates and cycles add nothing
    const a = members[ra]!;
    const b = members[rb]!;
    const refusal = check(a, b, edge);
    if (refusal) {
      refused.push(refusal);
      continue;
    }
    // Smaller list moves into the larger, so each record moves O(log n) times.
    const [big, small, bigRoot] = a.length >= b.length ? [a, b, ra] : [b, a, rb];
    for (const r of small) {
      root[r] = bigRoot;
      big.push(r);
    }
    members[bigRoot === ra ? rb : ra] = undefined;
    accepted.push(edge);
  }

  const clusterOf = new Int32Array(recordCount).fill(-1);
  const clusters: number[][] = [];
  for (let r = 0; r < recordCount; r++) {
    const head = root[r]!;
    if (clusterOf[head] === -1) {
      const group = [...members[head]!].sort((x, y) => x - y);
      for (const x of group) clusterOf[x] = clusters.length;
      clusters.push(group);
    }
  }
  return { clusterOf, clusters, accepted, refused };
}
