import { createHash } from 'node:crypto';

/**
 * The tombstone of a value as the warehouse stores it (an identifier, or a conversation id):
 * SHA-256 of it under its own domain tag, so it is neither the value nor the PII hash the
 * warehouse would hold for it, and ingest can test any record's values against it.
 */
export function tombstoneHash(type: string, storedValue: string): string {
  return createHash('sha256')
    .update(`convrev:tombstone\u0000${type}\u0000${storedValue}`)
    .digest('hex');
}
