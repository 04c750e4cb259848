/**
 * Numbers identifiers (type index, value) 0, 1, 2, … in order of first sight, with an
 * open-addressing hash table over typed arrays. A Map of ten million string keys spends most of
 * its time in hashing concatenated keys and in garbage collection; here the only per-identifier
 * objects are the value strings the caller already holds.
 */
export class IdentifierInterner {
  private table = new Int32Array(1 << 16).fill(-1);
  private hashes = new Int32Array(1 << 15);
  private types = new Uint8Array(1 << 15);
  private readonly values: string[] = [];

  get size(): number {
    return this.values.length;
  }

  /** The number of (type, value), assigning the next one when it is new. */
  intern(type: number, value: string): number {
    const h = hashOf(type, value);
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot]!;
      if (id === -1) {
        const next = this.values.length;
        if (next === this.hashes.length) this.growColumns();
        this.table[slot] = next;
        this.hashes[next] = h;
        this.types[next] = type;
        this.values.push(value);
        if (next * 2 >= this.table.length) this.rehash();
        return next;
      }
      if (this.hashes[id] === h && this.types[id] === type && this.values[id] === value) return id;
    }
  }

  /** The number of (type, value), or -1 when it was never interned. */
  find(type: number, value: string): number {
    const h = hashOf(type, value);
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot]!;
      if (id === -1) return -1;
      if (this.hashes[id] === h && this.types[id] === type && this.values[id] === value) return id;
    }
  }

  typeOf(id: number): number {
    return this.types[id]!;
  }

  valueOf(id: number): string {
    return this.values[id]!;
  }

  /** Type index of every identifier, in number order. */
  typeColumn(): Uint8Array {
    return this.types.slice(0, this.values.length);
  }

  private growColumns(): void {
    const hashes = new Int32Array(this.hashes.length * 2);
    const types = new Uint8Array(this.types.length * 2);
    hashes.set(this.hashes);
    types.set(this.types);
    this.hashes = hashes;
    this.types = types;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let id = 0; id < this.values.length; id++) {
      let slot = this.hashes[id]! & mask;
      while (table[slot] !== -1) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
  }
}

// FNV-1a over the type index and the value's UTF-16 units, with a final mix so that values
// differing only in their last characters still spread over the table.
function hashOf(type: number, value: string): number {
  let h = Math.imul(0x811c9dc5 ^ type, 0x01000193);
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) & 0x7fffffff;
}
