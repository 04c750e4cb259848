import { parseJsonObject } from '../../core/contracts/json-schema.js';
import { splitFullName } from '../../core/identity/full-name.js';
import type { PersonProfile } from '../../core/matching/profile-match-config.js';
import type { Engine } from '../../engine/engine.js';
import { contactProfilesSql, leadProfilesSql } from '../../engine/sql/identity-profiles-sql.js';

/** What one source record says about a person, attached to one identifier node of the graph. */
export interface ProfileEvidence {
  readonly node: number;
  /** The source record it came from (`contact:C1`, `event:E1`), for provenance. */
  readonly record: string;
  readonly first_name: string | null;
  readonly last_name: string | null;
  readonly company: string | null;
}

const clean = (v: unknown): string | null => {
  if (typeof v !== 'string') return null;
  const s = v.trim().toLowerCase().replace(/\s+/g, ' ');
  return s === '' ? null : s;
};

/** Names and company a lead typed, from an event's properties; null when it holds no name. */
export function leadOfProperties(
  json: string,
): Pick<PersonProfile, 'first_name' | 'last_name' | 'company'> | null {
  // Properties are free-form: a malformed one simply says nothing here.
  const o = parseJsonObject(json);
  if (o === null) return null;
  let first = clean(o.first_name);
  let last = clean(o.last_name);
  const full = clean(o.name);
  if (first === null && last === null && full !== null) ({ first, last } = splitFullName(full));
  if (first === null && last === null) return null;
  return { first_name: first, last_name: last, company: clean(o.company) };
}

/**
 * Profiles of CRM contacts (names, the account's name) and of leads (names and company typed
 * into a form or chat, from conversation event properties), each tied to a node of the numbered
 * graph (identity_nodes). Identifiers without a node (junk) tie nothing.
 */
export async function readPersonProfiles(engine: Engine): Promise<ProfileEvidence[]> {
  const out: ProfileEvidence[] = [];
  for (const c of await engine.query(contactProfilesSql())) {
    out.push({
      node: Number(c.node),
      record: `contact:${String(c.contact_id)}`,
      first_name: clean(c.first_name),
      last_name: clean(c.last_name),
      company: clean(c.company),
    });
  }
  for (const e of await engine.query(leadProfilesSql(engine.dialect))) {
    if (e.node === null) continue;
    const lead = typeof e.properties === 'string' ? leadOfProperties(e.properties) : null;
    if (lead === null) continue;
    out.push({ node: Number(e.node), record: `event:${String(e.event_id)}`, ...lead });
  }
  return out;
}
