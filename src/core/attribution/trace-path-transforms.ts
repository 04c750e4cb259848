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
): TracedToken[] {
  let out: Traced[] = path.map((token, i) => ({ token, touches: singleTouch(i), owned: false }));
  for (const t of transforms) out = traceOne(out, t);
  return out;
}

/**
 * Inside the trace every token is the trace's own, and so is every touch list a merge made
 * (`owned`), so merges append to it in place: copying lists on each merge made tracing 10⁵ paths
 * cost a model more than its math. A token of one touch shares the one list of that position
 * (most tokens at scale): a million small lists kept alive across the models made the parse and
 * trace mostly garbage collection.
 */
interface Traced {
  readonly token: string;
  touches: number[];
  owned: boolean;
}

const SINGLE_TOUCHES: (readonly number[])[] = [];

/** The shared list `[position]`; never appended to (a merge copies it first). */
function singleTouch(position: number): number[] {
  while (SINGLE_TOUCHES.length <= position)
    SINGLE_TOUCHES.push(Object.freeze([SINGLE_TOUCHES.length]));
  return SINGLE_TOUCHES[position] as number[];
}

/** `from`'s touches appended to `into`'s, on a list `into` owns. */
function absorb(into: Traced, from: Traced): void {
  if (!into.owned) {
    into.touches = [...into.touches];
    into.owned = true;
  }
  into.touches.push(...from.touches);
}

function traceOne(items: Traced[], t: PathTransform): Traced[] {
  switch (t.kind) {
    case 'unique':
      return items;
    case 'exposure': {
      const out: Traced[] = [];
      let last: Traced | undefined;
      for (const item of items) {
        if (last !== undefined && last.token === item.token) absorb(last, item);
        else out.push((last = item));
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
  const byToken = new Map<string, Traced>();
  for (const item of items) {
    const first = byToken.get(item.token);
    if (first) absorb(first, item);
    else byToken.set(item.token, item);
  }
  return [...byToken.values()];
}
