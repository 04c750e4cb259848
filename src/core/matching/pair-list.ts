/**
 * A growable list of record-index pairs in two typed arrays: candidate pairs run to millions, and
 * an object per pair would cost several times the memory.
 */
export class PairList {
  private lefts = new Int32Array(1024);
  private rights = new Int32Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(left: number, right: number): void {
    if (this.count === this.lefts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.lefts = grow(this.lefts);
      this.rights = grow(this.rights);
    }
    this.lefts[this.count] = left;
    this.rights[this.count] = right;
    this.count++;
  }

  left(k: number): number {
    return this.lefts[k]!;
  }

  right(k: number): number {
    return this.rights[k]!;
  }

  static from(pairs: Iterable<readonly [number, number]>): PairList {
    const list = new PairList();
    for (const [a, b] of pairs) list.push(a, b);
    return list;
  }
}
