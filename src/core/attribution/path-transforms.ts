import { attributionProblem, throwIfProblems } from './attribution-error.js';

/**
 * Path transforms of google/fractribution (and the snowplow package built on it), applied in the
 * order given. With the path (D, A, B, B, C, D, C, C):
 * - `unique`: identity → D A B B C D C C
 * - `exposure`: consecutive repeats collapse → D A B C D C
 * - `first`: first occurrence of each channel → D A B C
 * - `frequency`: first occurrences, each tagged with its count → D(2) A(1) B(2) C(3)
 * - `remove_if_not_all`: drop every `channel`, unless the path is nothing else
 * - `remove_if_last_and_not_all`: drop the trailing run of `channel`, unless the path is nothing else
 * - `trim_long_path`: keep the last `steps` channels (the reference's path_lookback_steps)
 */
export type PathTransform =
  | { readonly kind: 'unique' | 'exposure' | 'first' | 'frequency' }
  | { readonly kind: 'remove_if_not_all' | 'remove_if_last_and_not_all'; readonly channel: string }
  | { readonly kind: 'trim_long_path'; readonly steps: number };

export const PATH_TRANSFORM_KINDS = [
  'unique',
  'exposure',
  'first',
  'frequency',
  'remove_if_not_all',
  'remove_if_last_and_not_all',
  'trim_long_path',
] as const satisfies readonly PathTransform['kind'][];

/** A path after each transform in turn. */
export function applyPathTransforms(
  path: readonly string[],
  transforms: readonly PathTransform[],
): string[] {
  let out = [...path];
  for (const t of transforms) out = applyPathTransform(out, t);
  return out;
}

export function applyPathTransform(path: readonly string[], t: PathTransform): string[] {
  switch (t.kind) {
    case 'unique':
      return [...path];
    case 'exposure':
      return path.filter((c, i) => i === 0 || c !== path[i - 1]);
    case 'first':
      return [...new Set(path)];
    case 'frequency':
      return frequencyPath(path);
    case 'remove_if_not_all': {
      const kept = path.filter((c) => c !== t.channel);
      return kept.length > 0 ? kept : [...path];
    }
    case 'remove_if_last_and_not_all': {
      let end = path.length;
      while (end > 0 && path[end - 1] === t.channel) end--;
      return end > 0 ? path.slice(0, end) : [...path];
    }
    case 'trim_long_path':
      if (!(Number.isInteger(t.steps) && t.steps > 0))
        throwIfProblems([
          attributionProblem('transform.steps', 'must be a positive whole number', 'steps'),
        ]);
      return path.slice(Math.max(0, path.length - t.steps));
  }
}

/**
 * `frequency`: each channel once, in order of first occurrence, as `name(count)`. Like the
 * reference it refuses channel names with parentheses, which would make the tag ambiguous.
 */
export function frequencyPath(path: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const c of path) {
    if (c.includes('(') || c.includes(')'))
      throwIfProblems([
        attributionProblem(
          'transform.frequency_name',
          `frequency transform forbids "(" and ")" in channel names: ${c}`,
          'channel',
        ),
      ]);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts].map(([c, n]) => `${c}(${n})`);
}

/** The channel of a `frequency` token (`Direct(3)` → `Direct`); other tokens are returned as is. */
export function frequencyTokenChannel(token: string): string {
  return token.replace(/\(\d+\)$/, '');
}
