/**
 * How a pseudonymised value looks in the warehouse (privacy.hash_pii): `sha256:` and 64 hex
 * digits. Core code reads it to know when a value can only be compared for equality: the hashes
 * of "Anna" and "Ana" are no more alike than any two others.
 */
const PSEUDONYM = /^sha256:[0-9a-f]{64}$/;

export function isPseudonym(value: string): boolean {
  return PSEUDONYM.test(value);
}

/**
 * A name in the form it is hashed in, so that equal names hash equal whoever typed them:
 * Unicode-compatible (NFKC), trimmed, inner runs of space as one, lower-case.
 */
export function nameForHashing(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
