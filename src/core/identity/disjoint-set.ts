/**
 * Union-find over the integers 0..n-1 in typed arrays (path halving, union by size): the string
 * keyed UnionFind costs a map lookup per step, too slow and too large for tens of millions of
 * edges once identifiers have been numbered.
 */
export class DisjointSet {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(readonly count: number) {
    this.parent = new Int32Array(count);
    this.size = new Int32Array(count).fill(1);
    for (let i = 0; i < count; i++) this.parent[i] = i;
  }

  find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      const grand = parent[parent[i]!]!;
      parent[i] = grand;
      i = grand;
    }
    return i;
  }

  /** Joins the sets of a and b; returns the new root, or -1 when they were already one set. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return -1;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return ra;
  }

  /** Joins two roots known to differ (see find); skips the lookups union does. */
  link(ra: number, rb: number): number {
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return ra;
  }

  /** Size of the set whose root is r. */
  sizeOf(r: number): number {
    return this.size[r]!;
  }

  /**
   * Makes i a singleton again. Only sound when every member of i's set is reset together, as
   * when a component is rebuilt from scratch.
   */
  reset(i: number): void {
    this.parent[i] = i;
    this.size[i] = 1;
  }
}
