import { IDENTIFIER_FIELDS, type IdentifierType } from '../../core/canonical/source-kinds.js';
import { TOUCHPOINT_TYPES } from '../../core/canonical/touchpoint-types.js';
import type { DeadLetterReason } from '../../core/ingest/dead-letter-reason.js';
import { normalizeIdentifier } from '../../core/identity/normalize-identifier.js';
import { isPseudonym } from '../../core/identity/pseudonym.js';
import { normalizePhone } from '../../core/identity/normalize-phone.js';
import type { CanonicalValue } from '../../core/values/parse-value.js';
import type { PiiHasher } from './pii-hasher.js';

const IDENTIFIERS = new Set<string>(IDENTIFIER_FIELDS);
const ALLOWED: Readonly<Record<string, ReadonlySet<string>>> = {
  touchpoint_type: new Set(TOUCHPOINT_TYPES),
};
const EMAIL = /^[^\s@]+@[^\s@]+$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;

export interface NormaliseOptions {
  readonly defaultCountryCode?: string;
  readonly hash?: PiiHasher;
}

/**
 * The normalise step on one record's fields, in place: identifiers in their canonical form
 * (emails lower-cased and trimmed, phones in E.164), placeholder values ("null", "n/a") dropped
 * as they identify nobody, an unusable identifier refused, closed vocabularies checked, NUL
 * characters refused (PostgreSQL text cannot hold them), PII hashed when configured.
 */
export function normaliseFields(
  fields: Record<string, CanonicalValue>,
  options: NormaliseOptions,
): DeadLetterReason[] {
  const reasons: DeadLetterReason[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'string') continue;
    if (value.includes('\u0000')) {
      reasons.push({ code: 'null_byte', message: `${name} contains a NUL character`, field: name });
      continue;
    }
    if (IDENTIFIERS.has(name)) {
      const result = normaliseIdentifier(name as IdentifierType, value, options.defaultCountryCode);
      if (typeof result === 'object' && result !== null) {
        reasons.push({
          code: 'invalid_identifier',
          message: `${name}: ${result.message}`,
          field: name,
        });
        continue;
      }
      fields[name] = result;
    }
    const allowed = ALLOWED[name];
    if (allowed && !allowed.has(value)) {
      reasons.push({
        code: 'invalid_value',
        message: `${value} is not one of ${[...allowed].join(', ')}`,
        field: name,
      });
    }
  }
  if (options.hash && reasons.length === 0) {
    options.hash.hashFields(fields);
    // A lead's typed name and email travel in an event's free-form properties.
    if (typeof fields.properties === 'string')
      fields.properties = options.hash.hashProperties(fields.properties);
  }
  return reasons;
}

function normaliseIdentifier(
  type: IdentifierType,
  value: string,
  defaultCountryCode: string | undefined,
): string | null | { message: string } {
  const text = value.replace(CONTROL, '').trim();
  // Placeholders exporters write for "nothing" are absent, as the loader always treated them.
  if (normalizeIdentifier('user_id', text) === null) return null;
  if (isPseudonym(text)) return text;
  if (type === 'email') {
    const email = text.toLowerCase();
    return EMAIL.test(email) ? email : { message: `${value} is not an email address` };
  }
  if (type === 'phone') {
    const phone = normalizePhone(text, defaultCountryCode);
    return phone.ok ? phone.value : { message: `${value}: ${phone.message}` };
  }
  return normalizeIdentifier(type, text);
}
