import { companyOf } from './company-names.js';
import { DAY_MS, DEMO_END, DEMO_START, HOUR_MS, isoUtc } from './demo-clock.js';
import { writeTruth, type DemoContext } from './demo-context.js';
import type { DemoPerson } from './demo-person.js';
import { B2B_TITLES, INDUSTRIES } from './name-catalog.js';
import type { Segment } from './opportunity-writer.js';
import { executeTouch, planCycle, type PlannedTouch } from './saas-touch-plan.js';

/**
 * How an account's deals relate to its touches. Most are worked (touches, then deals); in one of
 * ten the touches all lie more than 90 days before the deal, and in one of twenty the deal came
 * with no touch at all (a partner referral): those deals must come out unattributed. The rule
 * goes by account number so that even the smallest data set has both.
 */
type AccountMode = 'worked' | 'stale' | 'untouched';

function modeOf(n: number): AccountMode {
  return n % 10 === 2 ? 'stale' : n % 20 === 6 ? 'untouched' : 'worked';
}

/** Stale accounts are touched only in this first stretch of the year, their deals after day 180. */
const STALE_TOUCHES_END = DEMO_START + 75 * DAY_MS;
const STALE_DEALS_START = DEMO_START + 180 * DAY_MS;

/** One B2B account (the n-th, from 0) with its contacts, their touches and its opportunities. */
export function generateAccount(ctx: DemoContext, n: number, salt: number): void {
  const { rng, sinks, identities } = ctx;
  const accountId = `acc_${String(n + 1).padStart(6, '0')}`;
  const segment = rng.weighted<Segment>({ SMB: 0.6, 'mid-market': 0.3, enterprise: 0.1 });
  const { name, domain } = companyOf(n, salt, rng.int(0, 5));
  sinks.write('accounts', {
    account_id: accountId,
    name,
    segment,
    industry: rng.pick(INDUSTRIES),
    domain,
  });

  const mode = modeOf(n);
  const size = { SMB: [1, 3], 'mid-market': [3, 7], enterprise: [6, 14] }[segment] as [
    number,
    number,
  ];
  const taken = new Set<string>();
  const contacts: DemoPerson[] = [];
  for (let i = rng.int(...size); i > 0; i -= 1) {
    const person = identities.person();
    person.crmContactId = `ct_${String(person.ordinal).padStart(7, '0')}`;
    identities.addWorkEmail(person, domain, taken);
    if (rng.chance(0.55)) identities.addPhone(person);
    identities.addDevice(person);
    if (rng.chance(0.3)) identities.addDevice(person);
    if (rng.chance(0.25)) identities.addUserId(person, 'app');
    contacts.push(person);
  }

  const plan = planTouches(ctx, mode, segment, contacts.length);
  const firstTouch = new Map<number, number>();
  const cycles = new Map<number, { at: number; contact: number }[]>();
  for (const touch of plan) {
    const person = contacts[touch.contact];
    if (person === undefined) continue;
    const at = executeTouch(ctx, touch, person);
    firstTouch.set(touch.contact, Math.min(at, firstTouch.get(touch.contact) ?? at));
    const cycle = cycles.get(touch.cycle) ?? [];
    cycle.push({ at, contact: touch.contact });
    cycles.set(touch.cycle, cycle);
  }

  const deals: { at: number; contact: number }[] = [];
  if (mode === 'worked') {
    for (const touches of cycles.values()) {
      if (!rng.chance(0.9)) continue;
      touches.sort((a, b) => a.at - b.at);
      const trigger = touches[Math.floor(touches.length * rng.between(0.4, 0.9))] ?? touches[0];
      if (trigger === undefined) continue;
      const created = Math.min(
        trigger.at + rng.between(2 * HOUR_MS, 12 * DAY_MS),
        DEMO_END - HOUR_MS,
      );
      deals.push({ at: Math.max(created, trigger.at + 60_000), contact: trigger.contact });
    }
  } else {
    const from = mode === 'stale' ? STALE_DEALS_START : DEMO_START + 10 * DAY_MS;
    deals.push({
      at: rng.between(from, DEMO_END - 2 * DAY_MS),
      contact: rng.int(0, contacts.length - 1),
    });
  }

  contacts.forEach((person, i) => {
    const known = Math.min(
      firstTouch.get(i) ?? DEMO_END,
      ...deals.filter((d) => d.contact === i).map((d) => d.at),
    );
    const createdAt = rng.chance(0.4)
      ? DEMO_START - rng.between(30, 900) * DAY_MS
      : known - rng.between(1, 60) * DAY_MS;
    const ids = person.identifiers({ crmContactId: true, email: true, phone: 'spaced' }, rng);
    sinks.write('contacts', {
      contact_id: ids.crm_contact_id,
      account_id: accountId,
      email: ids.email,
      phone: ids.phone,
      first_name: person.firstName,
      last_name: person.lastName,
      title: rng.pick(B2B_TITLES),
      created_at: isoUtc(Math.min(createdAt, known - HOUR_MS)),
    });
  });
  for (const deal of deals) {
    const contactId = rng.chance(0.9) ? contacts[deal.contact]?.crmContactId : undefined;
    ctx.opportunities.write(accountId, segment, contactId, deal.at);
  }
  for (const person of contacts) writeTruth(sinks, person);
}

function planTouches(
  ctx: DemoContext,
  mode: AccountMode,
  segment: Segment,
  contacts: number,
): PlannedTouch[] {
  const { rng } = ctx;
  if (mode === 'untouched') return [];
  if (mode === 'stale') {
    const window = [DEMO_START, STALE_TOUCHES_END] as const;
    return planCycle(rng, segment, contacts, 0, DEMO_START + 45 * DAY_MS, window).sort(
      (a, b) => a.at - b.at,
    );
  }
  const count = {
    SMB: 1 + (rng.chance(0.3) ? 1 : 0),
    'mid-market': 1 + rng.poisson(0.6),
    enterprise: 2 + rng.poisson(0.8),
  }[segment];
  const planned: PlannedTouch[] = [];
  for (let cycle = 0; cycle < count; cycle += 1) {
    const center = rng.between(DEMO_START + 30 * DAY_MS, DEMO_END - 5 * DAY_MS);
    planned.push(
      ...planCycle(rng, segment, contacts, cycle, center, [DEMO_START, DEMO_END - HOUR_MS]),
    );
  }
  return planned.sort((a, b) => a.at - b.at);
}
