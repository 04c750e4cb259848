import { clusterSizes, type ClusterSizes } from '../matching/cluster-metrics.js';
import { IdentifierInterner } from './identifier-interner.js';
import { identifierKey, splitIdentifierKey } from './identifier-key.js';
import type { JunkValueFilter } from './junk-value-filter.js';
import { guardedStitch, type StitchOutcome } from './guarded-stitch.js';
import { REFUSAL_REASONS, compileStitchGuards, type StitchGuardConfig } from './stitch-guards.js';

/** A merge the guards refused, for the merge_audit table. */
export interface RefusedMerge {
  /** Edge number (in the order edges were added). */
  readonly edge: number;
  readonly left: string;
  readonly right: string;
  readonly reason: 'unique_conflict' | 'type_limit' | 'shared_device';
  /** The identifier type whose guard refused it. */
  readonly type: string;
}

export interface StitchedGraph {
  readonly outcome: StitchOutcome;
  /** Persons as sorted identifier keys, ordered by their smallest key. */
  persons(): string[][];
  readonly refused: readonly RefusedMerge[];
  readonly sharedDevices: readonly { readonly identifier: string; readonly persons: number }[];
  readonly sizes: ClusterSizes;
}

/**
 * An identity graph keyed by identifier: numbers identifiers as they arrive, keeps edges in
 * typed arrays, and stitches under the guards. Results do not depend on the order identifiers or
 * edges were added: guard decisions order nodes by their keys, never by their numbers.
 */
export class IdentityGraph {
  private readonly ids = new IdentifierInterner();
  private readonly typeIndex = new Map<string, number>();
  private lefts = new Int32Array(1024);
  private rights = new Int32Array(1024);
  private strengths = new Float64Array(1024);
  private edges = 0;
  private junk = 0;
  private readonly isJunk: JunkValueFilter | undefined;

  /** `isJunk` drops edges with a junk end (see createJunkValueFilter); the other end stays. */
  constructor(
    readonly typeNames: readonly string[],
    options: { readonly isJunk?: JunkValueFilter } = {},
  ) {
    typeNames.forEach((t, i) => this.typeIndex.set(t, i));
    this.isJunk = options.isJunk;
  }

  /** Edges dropped because an end was a junk value. */
  get junkEdges(): number {
    return this.junk;
  }

  get edgeCount(): number {
    return this.edges;
  }

  get nodeCount(): number {
    return this.ids.size;
  }

  /** Numbers an identifier (idempotent); unknown types are a programming error. */
  add(type: string, value: string): number {
    const t = this.typeIndex.get(type);
    if (t === undefined) throw new RangeError(`unknown identifier type ${type}`);
    return this.ids.intern(t, value);
  }

  /** The key of identifier number i. */
  keyOf(i: number): string {
    return identifierKey(this.typeNames[this.ids.typeOf(i)]!, this.ids.valueOf(i));
  }

  /**
   * Adds an edge between two identifiers; stronger edges win when guards must choose. Returns the
   * edge number, or -1 when an end was junk and the edge was dropped.
   */
  addEdge(
    leftType: string,
    leftValue: string,
    rightType: string,
    rightValue: string,
    strength = 1,
  ): number {
    if (this.isJunk) {
      const leftJunk = this.isJunk(leftType, leftValue);
      const rightJunk = this.isJunk(rightType, rightValue);
      if (leftJunk || rightJunk) {
        if (!leftJunk) this.add(leftType, leftValue);
        if (!rightJunk) this.add(rightType, rightValue);
        this.junk++;
        return -1;
      }
    }
    const a = this.add(leftType, leftValue);
    const b = this.add(rightType, rightValue);
    if (this.edges === this.lefts.length) this.grow();
    this.lefts[this.edges] = a;
    this.rights[this.edges] = b;
    this.strengths[this.edges] = strength;
    return this.edges++;
  }

  stitch(config: StitchGuardConfig, knownSharedDevices: Iterable<string> = []): StitchedGraph {
    const n = this.ids.size;
    const ids = this.ids;
    const sharedDevices = new Uint8Array(n);
    for (const key of knownSharedDevices) {
      const { type, value } = splitIdentifierKey(key);
      const t = this.typeIndex.get(type);
      const i = t === undefined ? -1 : ids.find(t, value);
      if (i >= 0) sharedDevices[i] = 1;
    }
    const names = this.typeNames;
    const key = (i: number) => this.keyOf(i);
    // The order of identifierKey: type name, then value (the separator sorts first).
    const compareNodes = (a: number, b: number) => {
      const ta = names[ids.typeOf(a)]!;
      const tb = names[ids.typeOf(b)]!;
      if (ta !== tb) return ta < tb ? -1 : 1;
      const va = ids.valueOf(a);
      const vb = ids.valueOf(b);
      return va < vb ? -1 : va > vb ? 1 : 0;
    };
    const outcome = guardedStitch(
      {
        nodeCount: n,
        nodeType: ids.typeColumn(),
        edgeCount: this.edges,
        left: this.lefts.subarray(0, this.edges),
        right: this.rights.subarray(0, this.edges),
        strength: this.strengths.subarray(0, this.edges),
        compareNodes,
        sharedDevices,
      },
      compileStitchGuards(config, this.typeNames),
    );
    const refused: RefusedMerge[] = [];
    for (let e = 0; e < this.edges; e++) {
      const code = outcome.reason[e]!;
      if (code === 0) continue;
      refused.push({
        edge: e,
        left: key(this.lefts[e]!),
        right: key(this.rights[e]!),
        reason: REFUSAL_REASONS[code] as RefusedMerge['reason'],
        type: this.typeNames[outcome.reasonType[e]!]!,
      });
    }
    const shared: { identifier: string; persons: number }[] = [];
    for (let v = 0; v < n; v++) {
      if (outcome.shared[v] === 1)
        shared.push({ identifier: key(v), persons: outcome.devicePersons[v]! });
    }
    return {
      outcome,
      refused,
      sharedDevices: shared,
      sizes: clusterSizes(outcome.component),
      persons: () => {
        const groups = new Map<number, string[]>();
        for (let v = 0; v < n; v++) {
          const c = outcome.component[v]!;
          const g = groups.get(c);
          if (g) g.push(key(v));
          else groups.set(c, [key(v)]);
        }
        return [...groups.values()].map((g) => g.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
      },
    };
  }

  private grow(): void {
    const size = this.lefts.length * 2;
    const l = new Int32Array(size);
    const r = new Int32Array(size);
    const s = new Float64Array(size);
    l.set(this.lefts);
    r.set(this.rights);
    s.set(this.strengths);
    this.lefts = l;
    this.rights = r;
    this.strengths = s;
  }
}
