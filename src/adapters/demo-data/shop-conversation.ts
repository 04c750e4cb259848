import {
  SALES_TYPES,
  type ConversationChannel,
  type ConversationType,
} from './conversation-catalog.js';
import type { WrittenConversation } from './conversation-writer.js';
import type { DemoContext } from './demo-context.js';
import type { DemoPerson } from './demo-person.js';
import type { Prng } from './prng.js';

/** A shopper's conversation: the channel follows the topic, calls and texts need a phone. */
export function shopConversation(
  ctx: DemoContext,
  person: DemoPerson,
  device: string,
  at: number,
  type: ConversationType,
  loggedIn: boolean,
): WrittenConversation {
  const { rng, identities } = ctx;
  const channel = pickChannel(rng, type);
  if ((channel === 'sms' || channel === 'voice') && person.phone === undefined)
    identities.addPhone(person);
  const asksEmail = channel === 'form' || SALES_TYPES.has(type) ? 0.3 : 0.55;
  const sharesEmail = person.email !== undefined && (channel === 'form' || rng.chance(asksEmail));
  return ctx.touches.conversation({
    brand: 'shop',
    channel,
    type,
    at,
    person,
    device,
    loggedIn,
    sharesEmail,
    crmLinked: false,
  });
}

function pickChannel(rng: Prng, type: ConversationType): ConversationChannel {
  if (type === 'cart_recovery') return rng.weighted({ sms: 0.45, bot: 0.35, chat: 0.2 });
  if (type === 'proactive') return rng.weighted({ bot: 0.8, chat: 0.2 });
  if (SALES_TYPES.has(type))
    return rng.weighted({ chat: 0.42, bot: 0.4, form: 0.06, voice: 0.07, sms: 0.05 });
  return rng.weighted({ bot: 0.45, chat: 0.3, sms: 0.1, voice: 0.1, form: 0.05 });
}
