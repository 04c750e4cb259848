import { createHash } from 'node:crypto';
import type { CanonicalValue } from '../../core/values/parse-value.js';

/** Fields holding personal data: identifiers a person can be reached by, and names. */
export const PII_FIELDS: readonly string[] = ['email', 'phone', 'first_name', 'last_name'];

export interface PiiHasher {
  /** Replaces every PII field's value by its salted hash, in place. */
  hashFields(fields: Record<string, CanonicalValue>): void;
  hash(field: string, value: string): string;
}

/**
 * Salted SHA-256 of normalised values: equal inputs give equal hashes, so joins across sources
 * still work, while the warehouse never holds the value. The salt lives in the environment
 * (CONVREV_PII_SALT), never in the database. The field name is hashed in, so an email and a
 * phone with the same text do not collide.
 */
export function createPiiHasher(salt: string): PiiHasher {
  const hash = (field: string, value: string): string =>
    `sha256:${createHash('sha256')
      .update(
        `${salt}\u0000${field === 'phone' || field === 'email' ? field : 'name'}\u0000${value}`,
      )
      .digest('hex')}`;
  return {
    hash,
    hashFields(fields) {
      for (const field of PII_FIELDS) {
        const value = fields[field];
        if (typeof value === 'string' && !value.startsWith('sha256:'))
          fields[field] = hash(field, value);
      }
    },
  };
}
