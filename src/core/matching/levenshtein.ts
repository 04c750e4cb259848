// Reused rows: see jaro-winkler.ts for why the comparators avoid allocating per call.
let previous = new Int32Array(64);
let current = new Int32Array(64);

/**
 * Edit distance (insertions, deletions, substitutions) between two strings, by dynamic
 * programming over two rows. With `maxDistance`, returns `maxDistance + 1` for anything
 * farther, meaning "more than maxDistance": a threshold level never needs the exact figure beyond
 * it. Then only the cells within maxDistance of the diagonal are computed (a cell farther off
 * is at least that far), and the work stops once a whole row is past the limit; two 30-character
 * emails at a limit of 2 cost 150 cells, not 900.
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
  if (previous.length <= lb + 1) {
    previous = new Int32Array((lb + 2) * 2);
    current = new Int32Array((lb + 2) * 2);
  }
  // The band's half-width; the whole row when there is no limit (or it spans the row anyway).
  const band = Math.min(maxDistance, la);
  // Cells outside the band hold `far`: more than the limit, and small enough not to overflow.
  const far = Math.min(over, la + 1);
  for (let j = 0; j <= lb; j++) previous[j] = j <= band ? j : far;
  for (let i = 1; i <= la; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(lb, i + band);
    current[lo - 1] = lo === 1 ? (i <= band ? i : far) : far;
    let rowMin = current[lo - 1]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const substitution = previous[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const deletion = previous[j]! + 1;
      const insertion = current[j - 1]! + 1;
      const cell = Math.min(substitution, deletion, insertion, far);
      current[j] = cell;
      if (cell < rowMin) rowMin = cell;
    }
    // The next row reads one cell past this row's band.
    if (hi < lb) current[hi + 1] = far;
    if (rowMin > maxDistance) return over;
    [previous, current] = [current, previous];
  }
  const distance = previous[lb]!;
  return distance > maxDistance ? over : distance;
}
