// Reused rows: see jaro-winkler.ts for why the comparators avoid allocating per call.
let previous = new Int32Array(64);
let current = new Int32Array(64);

/**
 * Edit distance (insertions, deletions, substitutions) between two strings, by dynamic
 * programming over two rows. With `maxDistance`, gives up as soon as every cell of a row exceeds
 * it and returns `maxDistance + 1`, meaning "more than maxDistance": a threshold level never
 * needs the exact figure beyond it, and the early exit makes long unequal strings cheap.
 */
export function levenshtein(a: string, b: string, maxDistance = Infinity): number {
  if (a === b) return 0;
  // Iterate over the shorter string in the inner loop so the rows stay small.
  if (a.length < b.length) [a, b] = [b, a];
  const la = a.length;
  const lb = b.length;
  const over = maxDistance + 1;
  if (la - lb > maxDistance) return over;
  if (lb === 0) return la;
  if (previous.length <= lb) {
    previous = new Int32Array((lb + 1) * 2);
    current = new Int32Array((lb + 1) * 2);
  }
  for (let j = 0; j <= lb; j++) previous[j] = j;
  for (let i = 1; i <= la; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const substitution = previous[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const deletion = previous[j]! + 1;
      const insertion = current[j - 1]! + 1;
      const cell = Math.min(substitution, deletion, insertion);
      current[j] = cell;
      if (cell < rowMin) rowMin = cell;
    }
    if (rowMin > maxDistance) return over;
    [previous, current] = [current, previous];
  }
  const distance = previous[lb]!;
  return distance > maxDistance ? over : distance;
}
