import { createHash } from 'node:crypto';
import { IDENTIFIER_FIELDS } from '../../core/canonical/source-kinds.js';
import { isJsonObject } from '../../core/contracts/json-schema.js';
import type { IngestSettings } from './typed-record.js';

/** A person's consent per purpose, as an event carries it; an absent purpose is not refused. */
export interface Consent {
  readonly analytics?: boolean;
  readonly marketing?: boolean;
}

/** The `consent` envelope field: absent or null is none given; anything but booleans is invalid. */
export function readConsent(value: unknown): Consent | null | 'invalid' {
  if (value === undefined || value === null) return null;
  if (!isJsonObject(value)) return 'invalid';
  const out: { analytics?: boolean; marketing?: boolean } = {};
  for (const [k, v] of Object.entries(value)) {
    if ((k !== 'analytics' && k !== 'marketing') || (typeof v !== 'boolean' && v !== null))
      return 'invalid';
    if (typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/**
 * An event kept without analytics consent loses everything that names its person: identifiers
 * and free-form properties go, the device id becomes a one-way pseudonym (events of one device
 * still group, but never join a known person).
 */
export function pseudonymiseBody(body: Record<string, unknown>): void {
  for (const field of IDENTIFIER_FIELDS) {
    if (field === 'anonymous_id') continue;
    delete body[field];
  }
  delete body.properties;
  const device = body.anonymous_id;
  if (typeof device === 'string' && device !== '')
    body.anonymous_id = `pseudo:${createHash('sha256').update(`convrev:pseudonym\u0000${device}`).digest('hex').slice(0, 32)}`;
}

/** Extra fields the config allows, added to an event's body (they end up in its properties). */
export function keepAllowed(
  body: Record<string, unknown>,
  extra: Readonly<Record<string, unknown>>,
  settings: IngestSettings,
): void {
  const allow = settings.allowExtraFields ?? false;
  if (allow === false) return;
  for (const [k, v] of Object.entries(extra)) if (allow === true || allow.includes(k)) body[k] = v;
}
