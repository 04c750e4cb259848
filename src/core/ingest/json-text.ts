type Frame =
  | { readonly kind: 'array'; readonly items: readonly unknown[]; index: number }
  | { readonly kind: 'object'; readonly entries: [string, unknown][]; index: number };

/**
 * JSON text of a value as JSON.stringify writes it, without recursion: a value nested 100,000
 * levels deep serialises instead of overflowing the stack. Where JSON.stringify would throw it
 * does not: a bigint is written as a string, a cycle as null.
 */
export function jsonText(value: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = new Set<object>();
  const containers: object[] = [];
  const write = (v: unknown, inArray: boolean): void => {
    const x = prepared(v);
    if (x === undefined) {
      if (inArray) out.push('null');
      return;
    }
    if (typeof x !== 'object' || x === null) {
      out.push(scalar(x));
      return;
    }
    if (open.has(x)) {
      out.push('null');
      return;
    }
    open.add(x);
    if (Array.isArray(x)) {
      out.push('[');
      stack.push({ kind: 'array', items: x as unknown[], index: 0 });
    } else {
      out.push('{');
      const entries = Object.entries(x).filter(([, e]) => prepared(e) !== undefined);
      stack.push({ kind: 'object', entries, index: 0 });
    }
    containers.push(x);
  };
  write(value, false);
  while (stack.length) {
    const top = stack[stack.length - 1] as Frame;
    const count = top.kind === 'array' ? top.items.length : top.entries.length;
    if (top.index >= count) {
      out.push(top.kind === 'array' ? ']' : '}');
      stack.pop();
      open.delete(containers.pop() as object);
      continue;
    }
    if (top.index > 0) out.push(',');
    const i = top.index++;
    if (top.kind === 'array') write(top.items[i], true);
    else {
      const [k, v] = top.entries[i] as [string, unknown];
      out.push(JSON.stringify(k), ':');
      write(v, false);
    }
  }
  return out.join('');
}

/** The value JSON.stringify would write for `v`: toJSON applied, undefined when it is skipped. */
function prepared(v: unknown): unknown {
  if (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { toJSON?: unknown }).toJSON === 'function'
  )
    return (v as { toJSON: () => unknown }).toJSON();
  if (typeof v === 'function' || typeof v === 'symbol') return undefined;
  return v;
}

function scalar(v: unknown): string {
  if (typeof v === 'bigint') return JSON.stringify(v.toString());
  return JSON.stringify(v) ?? 'null';
}
