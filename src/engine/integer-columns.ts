/**
 * Growable integer columns for Engine.readIntegers: results arrive chunk by chunk and their size is
 * not known in advance, so each column doubles as it fills and is trimmed at the end.
 */
export class IntegerColumns {
  private columns: Int32Array[];
  private length = 0;

  constructor(count: number) {
    this.columns = Array.from({ length: count }, () => new Int32Array(1 << 12));
  }

  /** Makes room for `rows` more rows; returns the row index they start at. */
  reserve(rows: number): number {
    const at = this.length;
    const need = at + rows;
    const size = this.columns[0]?.length ?? 0;
    if (need > size) {
      let grown = size;
      while (grown < need) grown *= 2;
      this.columns = this.columns.map((c) => {
        const next = new Int32Array(grown);
        next.set(c.subarray(0, at));
        return next;
      });
    }
    this.length = need;
    return at;
  }

  column(i: number): Int32Array {
    return this.columns[i]!;
  }

  /** The columns, trimmed to the rows read. */
  done(): Int32Array[] {
    return this.columns.map((c) => c.slice(0, this.length));
  }
}

/** Refuses columns of unequal length before anything is written. */
export function rowCountOf(table: string, columns: readonly { readonly length: number }[]): number {
  const rows = columns[0]?.length ?? 0;
  if (columns.some((c) => c.length !== rows))
    throw new RangeError(`append to ${table}: columns of unequal length`);
  return rows;
}
