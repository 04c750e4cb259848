import { applyPathTransform, frequencyPath, type PathTransform } from './path-transforms.js';

/** A token of a transformed path and the positions (0-based) of the raw touches it stands for. */
export interface TracedToken {
  readonly token: string;
  readonly touches: readonly number[];
}

/**
 * `applyPathTransforms`, keeping track of which raw touches each output token stands for, so a
 * token's credit can be handed back to touches: a token merged from several touches (`exposure`
 * collapses a run, `first` and `frequency` every occurrence of a channel) stands for all of them;
 * a touch a transform drops (`remove_if_not_all`, `remove_if_last_and_not_all`, `trim_long_path`)
 * belongs to no token and earns nothing. The tokens always equal `applyPathTransforms(path, …)`
 * (a test holds the two together).
 */
export function tracePathTransforms(
  path: readonly string[],
  transforms: readonly PathTransform[],
  singles: SingleTouchTokens = new SingleTouchTokens(),
): TracedToken[] {
  let out: Traced[] = path.map((token, i) => singles.of(token, i));
  for (const t of transforms) out = traceOne(out, t);
  return out;
}

/**
 * Inside the trace every token a merge made is the trace's own (`owned`), and merges append to
 * its list in place: copying lists on each merge made tracing 10⁵ paths cost a model more than
 * its math did. A token of one touch is shared, never changed (a merge copies it first).
 */
interface Traced {
  readonly token: string;
  touches: number[];
  owned: boolean;
}

/**
 * The tokens of one touch, one object per channel and position, shared by every path traced
 * through the same instance: most tokens at scale stand for one touch, and a million small
 * objects kept alive across the models made the parse and trace mostly garbage collection.
 */
export class SingleTouchTokens {
  private readonly byToken = new Map<string, Traced[]>();

  of(token: string, position: number): Traced {
    let list = this.byToken.get(token);
    if (list === undefined) this.byToken.set(token, (list = []));
    while (list.length <= position)
      list.push(Object.freeze({ token, touches: singleTouch(list.length), owned: false }));
    return list[position]!;
  }
}

const SINGLE_TOUCHES: (readonly number[])[] = [];

/** The shared list `[position]`; never appended to (a merge copies it first). */
function singleTouch(position: number): number[] {
  while (SINGLE_TOUCHES.length <= position)
    SINGLE_TOUCHES.push(Object.freeze([SINGLE_TOUCHES.length]));
  return SINGLE_TOUCHES[position] as number[];
}

/** `into` with `from`'s touches appended: `into` itself when the trace owns it, else a copy. */
function merged(into: Traced, from: Traced): Traced {
  if (into.owned) {
    into.touches.push(...from.touches);
    return into;
  }
  return { token: into.token, touches: [...into.touches, ...from.touches], owned: true };
}

function traceOne(items: Traced[], t: PathTransform): Traced[] {
  switch (t.kind) {
    case 'unique':
      return items;
    case 'exposure': {
      const out: Traced[] = [];
      for (const item of items) {
        const last = out.length - 1;
        if (last >= 0 && out[last]!.token === item.token) out[last] = merged(out[last]!, item);
        else out.push(item);
      }
      return out;
    }
    case 'first':
      return mergeOccurrences(items);
    case 'frequency': {
      // frequencyPath validates the names and renders the tags exactly as the untraced form.
      const tags = frequencyPath(items.map((i) => i.token));
      return mergeOccurrences(items).map(({ touches, owned }, i) => ({
        token: tags[i] ?? '',
        touches,
        owned,
      }));
    }
    case 'remove_if_not_all': {
      const kept = items.filter((i) => i.token !== t.channel);
      return kept.length > 0 ? kept : items;
    }
    case 'remove_if_last_and_not_all': {
      let end = items.length;
      while (end > 0 && items[end - 1]?.token === t.channel) end--;
      return end > 0 ? items.slice(0, end) : items;
    }
    case 'trim_long_path':
      applyPathTransform([], t); // refuses a step count that is not a positive whole number
      return items.slice(Math.max(0, items.length - t.steps));
  }
}

/** Each token once, at its first occurrence, standing for the touches of all its occurrences. */
function mergeOccurrences(items: readonly Traced[]): Traced[] {
  const at = new Map<string, number>();
  const out: Traced[] = [];
  for (const item of items) {
    const first = at.get(item.token);
    if (first === undefined) {
      at.set(item.token, out.length);
      out.push(item);
    } else out[first] = merged(out[first]!, item);
  }
  return out;
}
