import {
  COUNTRY_CODES,
  hasCountry,
  nationalSignificantNumber,
} from '../../core/identity/national-number.js';
import { normalizePhone } from '../../core/identity/normalize-phone.js';
import type { NormaliseOptions } from '../ingest/normalise-fields.js';
import { tombstoneHash } from './tombstone-hash.js';

/**
 * The keys erasure and ingest compare. An erased identifier leaves the tombstone of its stored
 * form (`tombstoneHash(type, stored)`: emails and phones hashed under privacy.hash_pii), and an
 * id (user, anonymous, CRM contact, conversation) one more under the type `id`, so a value found
 * anywhere in a payload is tested with one hash whatever field it sits in.
 *
 * Phones: two numbers are the same when both are E.164 and equal, or when one side has no
 * country (national digits, as normalised without `ingest.default_country_code`) and its
 * digits, trunk 0 aside, equal the other's national significant number. A value is tested in
 * every form that could have been stored for it: an E.164 number also as its national digits
 * (with and without the trunk 0), national digits also under every country code. So tombstones
 * need no raw value, and a hashed phone matches too.
 */
const ID_TYPES = new Set(['user_id', 'anonymous_id', 'crm_contact_id', 'conversation_id']);

/** The stored form of a normalised value of a PII type (hashed when configured). */
function storedForm(type: 'email' | 'phone', plain: string, normalise: NormaliseOptions): string {
  return normalise.hash ? normalise.hash.hash(type, plain) : plain;
}

/** The tombstones one erased identifier (in stored form) leaves. */
export function tombstonesOf(type: string, stored: string): string[] {
  const keys = [tombstoneHash(type, stored)];
  if (ID_TYPES.has(type)) keys.push(tombstoneHash('id', stored));
  return keys;
}

/** The keys a normalised phone (unhashed) is tested with: every form stored for the same number. */
export function phoneKeys(plain: string, normalise: NormaliseOptions): string[] {
  const nsn = nationalSignificantNumber(plain);
  const forms = new Set([plain]);
  if (nsn !== null && hasCountry(plain)) forms.add(nsn).add(`0${nsn}`);
  else if (nsn !== null) {
    forms.add(`0${nsn}`).add(nsn);
    for (const cc of COUNTRY_CODES) forms.add(`+${cc}${nsn}`);
  }
  return [...forms].map((f) => tombstoneHash('phone', storedForm('phone', f, normalise)));
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE_SHAPED = /^\+?[\d\s().-]{7,24}$/;
// The longest value tested: an email is at most 254 characters; ids beyond this are not ids.
const MAX_VALUE = 320;

/**
 * The keys one loose value (found anywhere in a payload) is tested with: as an id under `id`,
 * as an email when it is one, as a phone when it is shaped like one (normalised with the
 * configured default country, as ingest would).
 */
export function valueKeys(raw: string, normalise: NormaliseOptions): string[] {
  const value = raw.trim();
  if (value === '' || value.length > MAX_VALUE) return [];
  const keys = [tombstoneHash('id', value)];
  const email = value.toLowerCase();
  if (EMAIL.test(email)) keys.push(tombstoneHash('email', storedForm('email', email, normalise)));
  // A value already in stored form (a hashed email or phone in stored properties) as it is.
  if (value.startsWith('sha256:'))
    keys.push(tombstoneHash('email', value), tombstoneHash('phone', value));
  if (PHONE_SHAPED.test(value)) {
    const phone = normalizePhone(value, normalise.defaultCountryCode);
    if (phone.ok) keys.push(...phoneKeys(phone.value, normalise));
  }
  return keys;
}
