/**
 * Disjoint sets over string keys with path halving and union by size. Each set's representative
 * is chosen by the caller afterwards, so the order edges arrive in never changes a person id.
 */
export class UnionFind {
  private readonly index = new Map<string, number>();
  private readonly parent: number[] = [];
  private readonly size: number[] = [];
  private readonly keys: string[] = [];

  add(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.index.set(key, i);
      this.keys.push(key);
      this.parent.push(i);
      this.size.push(1);
    }
    return i;
  }

  union(a: string, b: string): void {
    let ra = this.root(this.add(a));
    let rb = this.root(this.add(b));
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }

  /** Every key grouped with the others of its set. */
  groups(): string[][] {
    const byRoot = new Map<number, string[]>();
    for (let i = 0; i < this.keys.length; i++) {
      const r = this.root(i);
      const group = byRoot.get(r);
      if (group) group.push(this.keys[i]!);
      else byRoot.set(r, [this.keys[i]!]);
    }
    return [...byRoot.values()];
  }

  private root(i: number): number {
    while (this.parent[i] !== i) {
      const grand = this.parent[this.parent[i]!]!;
      this.parent[i] = grand;
      i = grand;
    }
    return i;
  }
}
