// Scratch buffers reused across calls: the matcher compares millions of pairs, and allocating
// two arrays per comparison would dominate its time.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

function scratch(lengthA: number, lengthB: number): void {
  if (flagsA.length < lengthA) flagsA = new Uint8Array(lengthA * 2);
  if (flagsB.length < lengthB) flagsB = new Uint8Array(lengthB * 2);
  flagsA.fill(0, 0, lengthA);
  flagsB.fill(0, 0, lengthB);
}

/**
 * Jaro similarity in [0, 1]: characters count as matching when equal and no further apart than
 * half the longer string's length minus one; transpositions are matched characters out of order.
 * Two empty strings are identical (1); one empty string shares nothing (0).
 *
 * With a `floor`, returns 0 as soon as the similarity is certain to be below it: with m matches
 * it is at most (m/|a| + m/|b| + 1) / 3, so once too many characters of `a` found no match the
 * rest of the work cannot lift it to the floor. Above the floor the figure is exact.
 */
export function jaro(a: string, b: string, floor = 0): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  // The fewest matches that could reach the floor, a hair low so that rounding never prunes a
  // pair exactly at it.
  const needed = floor > 0 ? (3 * floor - 1) / (1 / la + 1 / lb) - 1e-9 : 0;
  if (Math.min(la, lb) < needed) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  scratch(la, lb);
  let matches = 0;
  let misses = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    let found = false;
    for (let j = from; j <= to; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        found = true;
        break;
      }
    }
    if (!found && la - ++misses < needed) return 0;
  }
  if (matches === 0) return 0;
  // Walk both strings' matched characters in order; each position where they differ is half
  // a transposition.
  let halfTranspositions = 0;
  let j = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) halfTranspositions++;
    j++;
  }
  const t = Math.floor(halfTranspositions / 2);
  return (matches / la + matches / lb + (matches - t) / matches) / 3;
}

/** Options of the Winkler prefix bonus; the defaults are Winkler's published ones. */
export interface JaroWinklerOptions {
  /** Weight of each common leading character; at most 0.25 keeps the result within [0, 1]. */
  readonly prefixScale?: number;
  /** Longest common prefix that earns the bonus. */
  readonly maxPrefix?: number;
}

/**
 * Jaro–Winkler similarity: Jaro plus a bonus for a common prefix, because typing errors are rarer
 * at the start of a name. jaroWinkler('MARTHA', 'MARHTA') = 0.9611.
 */
export function jaroWinkler(a: string, b: string, options: JaroWinklerOptions = {}): number {
  return boostedJaro(a, b, options.prefixScale ?? 0.1, options.maxPrefix ?? 4, 0);
}

/**
 * Jaro–Winkler with Winkler's defaults, or 0 where it is certainly below `atLeast`: a threshold
 * level needs no exact figure below its loosest threshold (levenshtein's limit is the same idea).
 */
export function jaroWinklerAtLeast(a: string, b: string, atLeast: number): number {
  return boostedJaro(a, b, 0.1, 4, atLeast);
}

function boostedJaro(a: string, b: string, scale: number, maxPrefix: number, atLeast: number) {
  const limit = Math.min(maxPrefix, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  const boost = prefix * scale;
  // j + boost (1 - j) reaches atLeast exactly when j reaches this.
  const j = jaro(a, b, atLeast > 0 && boost < 1 ? (atLeast - boost) / (1 - boost) : 0);
  if (j === 0 || j === 1) return j;
  return j + boost * (1 - j);
}
