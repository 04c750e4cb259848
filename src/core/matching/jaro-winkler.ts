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
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  scratch(la, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
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
  const scale = options.prefixScale ?? 0.1;
  const maxPrefix = options.maxPrefix ?? 4;
  const j = jaro(a, b);
  if (j === 0 || j === 1) return j;
  const limit = Math.min(maxPrefix, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * scale * (1 - j);
}
