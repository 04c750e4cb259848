import { hasCountry, nationalSignificantNumber } from '../../core/identity/national-number.js';
import { normalizePhone } from '../../core/identity/normalize-phone.js';
import type { NormaliseOptions } from '../ingest/normalise-fields.js';
import { tombstoneHash } from './tombstone-hash.js';

/**
 * The keys erasure and ingest compare. An erased identifier leaves the tombstone of its stored
 * form (`tombstoneHash(type, stored)`), and besides it:
 * - ids (user, anonymous, CRM contact, conversation) one under the type `id`, so a value found
 *   anywhere in a payload is tested with one hash whatever field it sits in;
 * - phones the tombstone of their national significant number, tagged by whether the erased
 *   number had a country: `phone_in` for an E.164 number, `phone_nat` for national digits.
 *   A value is tested under the other tag, so when one side has no country the national digits
 *   decide, and two numbers that both carry a country still have to be equal.
 * Emails and phones are in their stored form (hashed under privacy.hash_pii) inside the keys.
 */
const ID_TYPES = new Set(['user_id', 'anonymous_id', 'crm_contact_id', 'conversation_id']);

/** The stored form of a normalised value of a PII type (hashed when configured). */
function storedForm(type: 'email' | 'phone', plain: string, normalise: NormaliseOptions): string {
  return normalise.hash ? normalise.hash.hash(type, plain) : plain;
}

/**
 * The tombstones one erased identifier leaves. `plain` is its normalised, unhashed form when
 * known (the identifier the erasure was asked for, or any identifier when nothing is hashed):
 * without it a hashed phone gets no national-number tombstone.
 */
export function tombstonesOf(
  type: string,
  stored: string,
  normalise: NormaliseOptions,
  plain: string | null,
): string[] {
  const keys = [tombstoneHash(type, stored)];
  if (ID_TYPES.has(type)) keys.push(tombstoneHash('id', stored));
  const phone = type === 'phone' ? (normalise.hash ? plain : stored) : null;
  const nsn = phone === null ? null : nationalSignificantNumber(phone);
  if (phone !== null && nsn !== null)
    keys.push(
      tombstoneHash(
        hasCountry(phone) ? 'phone_in' : 'phone_nat',
        storedForm('phone', nsn, normalise),
      ),
    );
  return keys;
}

/** The keys a normalised phone (unhashed) is tested with: its stored form and national digits. */
export function phoneKeys(plain: string, normalise: NormaliseOptions): string[] {
  const keys = [tombstoneHash('phone', storedForm('phone', plain, normalise))];
  const nsn = nationalSignificantNumber(plain);
  if (nsn !== null)
    keys.push(
      tombstoneHash(
        hasCountry(plain) ? 'phone_nat' : 'phone_in',
        storedForm('phone', nsn, normalise),
      ),
    );
  return keys;
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
