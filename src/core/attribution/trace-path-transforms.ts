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
  let out: Traced[] = path.map((token, i) => ({ token, touches: [i] }));
  for (const t of transforms) out = traceOne(out, t);
  return out;
}

/**
 * Inside the trace every token and touch list is the trace's own (made above or by a merge),
 * so merges append in place: copying lists on each merge made tracing 10⁵ paths cost a model
 * more than its math.
 */
interface Traced {
  readonly token: string;
  readonly touches: number[];
}

function traceOne(items: Traced[], t: PathTransform): Traced[] {
  switch (t.kind) {
    case 'unique':
      return items;
    case 'exposure': {
      const out: Traced[] = [];
      let last: Traced | undefined;
      for (const item of items) {
        if (last !== undefined && last.token === item.token) last.touches.push(...item.touches);
        else out.push((last = item));
      }
      return out;
    }
    case 'first':
      return mergeOccurrences(items);
    case 'frequency': {
      // frequencyPath validates the names and renders the tags exactly as the untraced form.
      const tags = frequencyPath(items.map((i) => i.token));
      return mergeOccurrences(items).map(({ touches }, i) => ({ token: tags[i] ?? '', touches }));
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
    if (first) first.touches.push(...item.touches);
    else byToken.set(item.token, item);
  }
  return [...byToken.values()];
}
