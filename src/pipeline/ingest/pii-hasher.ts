import { createHash } from 'node:crypto';
import { parseJsonObject } from '../../core/contracts/json-schema.js';
import { splitFullName } from '../../core/identity/full-name.js';
import { isPseudonym, nameForHashing } from '../../core/identity/pseudonym.js';
import { canonicalJson } from '../../core/values/canonical-json.js';
import type { CanonicalValue } from '../../core/values/parse-value.js';

/** Fields holding personal data: identifiers a person can be reached by, and names. */
export const PII_FIELDS: readonly string[] = ['email', 'phone', 'first_name', 'last_name'];

export interface PiiHasher {
  /** Replaces every PII field's value by its salted hash, in place. */
  hashFields(fields: Record<string, CanonicalValue>): void;
  /**
   * An event's properties (canonical JSON) with the personal data a lead typed hashed: email,
   * phone, first_name and last_name, and a full `name` split into those two first, as the
   * identity stage reads it. Other keys and properties that are not a JSON object are kept.
   */
  hashProperties(json: string): string;
  hash(field: string, value: string): string;
}

/**
 * Salted SHA-256 of normalised values: equal inputs give equal hashes, so joins across sources
 * still work, while the warehouse never holds the value. The salt lives in the environment
 * (CONVREV_PII_SALT), never in the database. The field name is hashed in, so an email and a
 * phone with the same text do not collide.
 */
export function createPiiHasher(salt: string): PiiHasher {
  // Names are hashed in one form (and first and last under one field name), so equal names,
  // and a first name typed as the surname, still compare equal after hashing.
  const hash = (field: string, value: string): string => {
    const isName = field !== 'phone' && field !== 'email';
    return `sha256:${createHash('sha256')
      .update(
        `${salt}\u0000${isName ? 'name' : field}\u0000${isName ? nameForHashing(value) : value}`,
      )
      .digest('hex')}`;
  };
  const hashAll = (fields: Record<string, unknown>) => {
    for (const field of PII_FIELDS) {
      const value = fields[field];
      if (typeof value === 'string' && !isPseudonym(value)) fields[field] = hash(field, value);
    }
  };
  return {
    hash,
    hashFields: hashAll,
    hashProperties(json) {
      const parsed = parseJsonObject(json);
      if (parsed === null) return json;
      const name = parsed.name;
      if (typeof name === 'string' && parsed.first_name == null && parsed.last_name == null) {
        const { first, last } = splitFullName(name);
        parsed.first_name = first;
        if (last !== null) parsed.last_name = last;
      }
      if (typeof name === 'string') delete parsed.name;
      if (typeof parsed.email === 'string') parsed.email = parsed.email.trim().toLowerCase();
      hashAll(parsed);
      return canonicalJson(parsed);
    },
  };
}
