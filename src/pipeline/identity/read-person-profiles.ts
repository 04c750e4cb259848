import type { JunkValueFilter } from '../../core/identity/junk-value-filter.js';
import type { IdentityGraph } from '../../core/identity/identity-graph.js';
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
  let p: unknown;
  try {
    p = JSON.parse(json);
  } catch {
    return null; // properties are free-form; a malformed one simply says nothing here
  }
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return null;
  const o = p as Record<string, unknown>;
  let first = clean(o.first_name);
  let last = clean(o.last_name);
  const full = clean(o.name);
  if (first === null && last === null && full !== null) {
    const at = full.indexOf(' ');
    first = at < 0 ? full : full.slice(0, at);
    last = at < 0 ? null : full.slice(at + 1);
  }
  if (first === null && last === null) return null;
  return { first_name: first, last_name: last, company: clean(o.company) };
}

// The identifier a lead's profile hangs on: the most specific one the event carries.
const LEAD_ANCHORS = ['crm_contact_id', 'user_id', 'email', 'phone', 'anonymous_id'] as const;

/**
 * Profiles of CRM contacts (names, the account's name) and of leads (names and company typed
 * into a form or chat, from conversation event properties), each tied to an identifier of the
 * graph. Identifiers the graph does not hold (junk) tie nothing.
 */
export async function readPersonProfiles(
  engine: Engine,
  graph: IdentityGraph,
  isJunk: JunkValueFilter,
): Promise<ProfileEvidence[]> {
  const out: ProfileEvidence[] = [];
  const node = (type: string, value: unknown): number | null =>
    typeof value === 'string' && value !== '' && !isJunk(type, value)
      ? graph.add(type, value)
      : null;
  for (const c of await engine.query(contactProfilesSql())) {
    const n = node('crm_contact_id', c.contact_id);
    if (n === null) continue;
    out.push({
      node: n,
      record: `contact:${String(c.contact_id)}`,
      first_name: clean(c.first_name),
      last_name: clean(c.last_name),
      company: clean(c.company),
    });
  }
  for (const e of await engine.query(leadProfilesSql(engine.dialect))) {
    const lead = typeof e.properties === 'string' ? leadOfProperties(e.properties) : null;
    if (lead === null) continue;
    const anchor = LEAD_ANCHORS.map((t) => node(t, e[t])).find((n) => n !== null);
    if (anchor === undefined || anchor === null) continue;
    out.push({ node: anchor, record: `event:${String(e.event_id)}`, ...lead });
  }
  return out;
}
