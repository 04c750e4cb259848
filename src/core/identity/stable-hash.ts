/**
 * A 64-bit hash of a string as 16 hex digits, from two 32-bit FNV-1a passes with different
 * offsets and a final mix. Not cryptographic: it names things deterministically across runs and
 * machines; callers that need uniqueness check for collisions.
 */
export function stableHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 13);
  }
  const mix = (h: number) => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  return (
    mix(h1).toString(16).padStart(8, '0') +
    mix(h2 ^ h1)
      .toString(16)
      .padStart(8, '0')
  );
}
