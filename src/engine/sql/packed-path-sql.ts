import type { Dialect } from '../dialect.js';

/**
 * A journey's channel path packed into one BIGINT: each token numbered 1…K (its place in the
 * list of tokens), the token at position p in bits `bits·(p−1)` upwards. Each position owns its
 * own bits, so a plain SUM over a conversion's touches packs its path with no ordered aggregate
 * (the ordered lists cost most of the data-driven path step), and the number decodes back to the
 * path. Only paths of at most `positions` touches fit; longer ones are joined as text.
 */
export interface PathPacking {
  readonly tokens: readonly string[];
  readonly bits: number;
  readonly positions: number;
}

// Under 2^62: every packed value is a positive BIGINT on every engine.
const VALUE_BITS = 62;

export function pathPacking(tokens: readonly string[]): PathPacking {
  const bits = Math.max(1, Math.ceil(Math.log2(tokens.length + 1)));
  return { tokens, bits, positions: Math.floor(VALUE_BITS / bits) };
}

/** The tokens and their numbers, as a table to join on (`alias`.token, `alias`.code). */
export function tokenCodesSql(d: Dialect, packing: PathPacking, alias: string): string {
  const rows = packing.tokens.map((t, i) => `(${d.quoteLiteral(t)}, ${i + 1})`).join(', ');
  return `(VALUES ${rows}) AS ${alias}(token, code)`;
}

/** The packed share of one touch: its token's number shifted to its position's bits. */
export function packedTouchSql(code: string, position: string, packing: PathPacking): string {
  return `(CAST(${code} AS BIGINT) << (${packing.bits} * (${position} - 1)))`;
}

/**
 * The path text of a packed value: the tokens of its non-zero positions in order, joined by
 * `separator`, exactly as the ordered join of the same touches writes it (concat_ws skips the
 * NULL of an empty position).
 */
export function unpackedPathSql(
  d: Dialect,
  packed: string,
  packing: PathPacking,
  separator: string,
): string {
  const mask = 2 ** packing.bits - 1;
  const names = packing.tokens.map((t, i) => `WHEN ${i + 1} THEN ${d.quoteLiteral(t)}`).join(' ');
  const tokens = Array.from(
    { length: packing.positions },
    (_v, k) => `CASE ((${packed} >> ${packing.bits * k}) & ${mask}) ${names} END`,
  );
  return `concat_ws(${separator}, ${tokens.join(', ')})`;
}
