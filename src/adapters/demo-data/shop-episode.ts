import type { WrittenConversation } from './conversation-writer.js';
import { DAY_MS, DEMO_END, MINUTE_MS } from './demo-clock.js';
import type { DemoContext } from './demo-context.js';
import type { DemoPerson } from './demo-person.js';
import { checkout } from './shop-checkout.js';
import { shopConversation } from './shop-conversation.js';

/**
 * One shopping episode; returns when it was over. It opens with an ad click, an email or a visit,
 * may bring a conversation, and ends in an order more often after a qualified conversation.
 * A signed-in episode (or an email click) is what links its browser to the person's other ones.
 */
export function shoppingEpisode(
  ctx: DemoContext,
  person: DemoPerson,
  own: readonly string[],
  device: string,
  start: number,
  loggedIn: boolean,
  viaEmail: boolean,
): number {
  const { rng, touches } = ctx;
  let at = start;
  const subscribed = person.email !== undefined;
  const entry = viaEmail
    ? 'email'
    : rng.weighted({
        paid_search: 0.27,
        paid_social: 0.2,
        email: subscribed ? 0.2 : 0,
        content: 0.05,
        organic: 0.13,
        direct: 0.1,
        referral: 0.05,
      });
  if (entry === 'organic' || entry === 'direct' || entry === 'referral') {
    touches.web('shop', entry, at, person, device, loggedIn);
  } else {
    const channel = entry === 'content' ? 'organic' : entry;
    at = touches.marketing('shop', channel, at, person, { device, email: channel === 'email' });
  }
  const browsing =
    loggedIn && entry !== 'organic' && entry !== 'direct' && entry !== 'referral'
      ? 1 + rng.poisson(0.3)
      : rng.poisson(0.8);
  for (let i = 0; i < browsing; i += 1) {
    at += rng.logNormal(20 * MINUTE_MS, 1.2);
    touches.web('shop', rng.weighted({ direct: 0.6, organic: 0.4 }), at, person, device, loggedIn);
  }

  let chat: WrittenConversation | undefined;
  if (rng.chance(0.38)) {
    at += rng.logNormal(6 * MINUTE_MS, 1);
    const type = rng.weighted({
      product_recommendation: 0.3,
      pre_purchase: 0.28,
      cart_recovery: 0.14,
      proactive: 0.18,
      general_support: 0.1,
    });
    chat = shopConversation(ctx, person, device, at, type, loggedIn);
    at = chat.doneAt;
  }
  const buyChance =
    chat === undefined
      ? 0.22
      : { qualified: 0.58, support: 0.2, no_intent: 0.14, wrong_person: 0.04 }[
          chat.profile.disposition
        ];
  if (!rng.chance(buyChance)) return at;

  const placedAt = rng.chance(0.22)
    ? at + rng.between(1, 10) * DAY_MS
    : at + rng.logNormal(25 * MINUTE_MS, 1.1);
  if (placedAt >= DEMO_END) return at;
  checkout(ctx, person, device, placedAt, loggedIn, chat);

  if (rng.chance(0.3)) {
    const later = placedAt + rng.between(1, 14) * DAY_MS;
    if (later < DEMO_END) {
      const type = rng.weighted({
        order_status: 0.5,
        return_exchange: 0.35,
        general_support: 0.15,
      });
      return shopConversation(
        ctx,
        person,
        rng.pick(own),
        later,
        type,
        person.userId !== undefined && rng.chance(0.5),
      ).doneAt;
    }
  }
  if (rng.chance(0.05))
    ctx.conversations.writeEmailTicket(person, placedAt + rng.between(2, 20) * DAY_MS);
  return placedAt;
}
