import type { ConversationType } from './conversation-catalog.js';
import { clampToYear, DAY_MS } from './demo-clock.js';
import type { DemoContext } from './demo-context.js';
import type { DemoPerson } from './demo-person.js';
import type { Segment } from './opportunity-writer.js';
import type { Prng } from './prng.js';

export type SaasTouchKind =
  | 'email'
  | 'webinar'
  | 'event'
  | 'paid_search'
  | 'paid_social'
  | 'content'
  | 'web'
  | 'email_sequence'
  | 'outbound_call'
  | 'conversation';

export interface PlannedTouch {
  at: number;
  readonly contact: number;
  readonly kind: SaasTouchKind;
  readonly cycle: number;
}

/**
 * The touches of one buying cycle: contacts of the account research, get emails, attend a
 * webinar, talk to the bot or a rep, mostly in the weeks before the cycle's centre. Sales reps
 * work mid-market and enterprise accounts harder than small ones.
 */
export function planCycle(
  rng: Prng,
  segment: Segment,
  contacts: number,
  cycle: number,
  center: number,
  window: readonly [number, number],
): PlannedTouch[] {
  const planned: PlannedTouch[] = [];
  const perContact = { SMB: 3.2, 'mid-market': 3.8, enterprise: 4 }[segment];
  const sales = segment === 'SMB' ? 0.5 : 1;
  const first = rng.int(0, contacts - 1);
  for (let contact = 0; contact < contacts; contact += 1) {
    if (contact !== first && !rng.chance(0.7)) continue;
    const count = 1 + rng.poisson(perContact);
    for (let i = 0; i < count; i += 1) {
      const at = Math.min(
        window[1],
        Math.max(window[0], center - 12 * DAY_MS + 18 * DAY_MS * rng.normal()),
      );
      const kind = rng.weighted({
        email: 0.19,
        webinar: 0.05,
        event: 0.03,
        paid_search: 0.08,
        paid_social: 0.08,
        content: 0.04,
        web: 0.2,
        email_sequence: 0.12 * sales,
        outbound_call: 0.06 * sales,
        conversation: 0.15,
      });
      planned.push({ at: clampToYear(at), contact, kind, cycle });
    }
  }
  return planned;
}

/** Writes one planned touch for the contact; returns when it happened (webinars move). */
export function executeTouch(ctx: DemoContext, touch: PlannedTouch, person: DemoPerson): number {
  const { rng, touches, identities } = ctx;
  const device = rng.pick(person.devices);
  switch (touch.kind) {
    case 'email':
      return touches.marketing('saas', 'email', touch.at, person, {
        email: true,
        crmContact: true,
        ...(rng.chance(0.5) ? { device } : {}),
      });
    case 'webinar':
    case 'event':
      return touches.marketing('saas', touch.kind, touch.at, person, {
        email: true,
        crmContact: true,
      });
    case 'paid_search':
    case 'paid_social':
      return touches.marketing('saas', touch.kind, touch.at, person, {
        device,
        email: touch.kind === 'paid_social' && rng.chance(0.2),
      });
    case 'content':
      return touches.marketing('saas', 'organic', touch.at, person, { device });
    case 'web': {
      const loggedIn = person.userId !== undefined && rng.chance(0.5);
      touches.web(
        'saas',
        rng.weighted({ organic: 0.5, direct: 0.35, referral: 0.15 }),
        touch.at,
        person,
        device,
        loggedIn,
      );
      return touch.at;
    }
    case 'email_sequence':
    case 'outbound_call':
      touches.sales(touch.kind, touch.at, person);
      return touch.at;
    case 'conversation': {
      const type: ConversationType = rng.weighted({
        pre_purchase: 0.35,
        product_recommendation: 0.2,
        proactive: 0.3,
        general_support: 0.15,
      });
      const channel =
        type === 'proactive'
          ? rng.weighted({ bot: 0.8, chat: 0.2 })
          : rng.weighted({ chat: 0.33, bot: 0.33, form: 0.22, voice: 0.1, sms: 0.02 });
      if ((channel === 'voice' || channel === 'sms') && person.phone === undefined)
        identities.addPhone(person);
      const sharesEmail = channel === 'form' || rng.chance(channel === 'voice' ? 0.3 : 0.45);
      // The chat platform looks people up in the CRM by email, calls by caller id.
      const crmLinked =
        (sharesEmail && rng.chance(0.6)) || (channel === 'voice' && rng.chance(0.5));
      const loggedIn = person.userId !== undefined && rng.chance(0.4);
      touches.conversation({
        brand: 'saas',
        channel,
        type,
        at: touch.at,
        person,
        device,
        loggedIn,
        sharesEmail,
        crmLinked,
      });
      return touch.at;
    }
  }
}
