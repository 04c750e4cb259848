import type { Brand } from './campaigns.js';
import {
  agentId,
  botFlow,
  formFlow,
  intentsFor,
  SALES_TYPES,
  teamFlow,
  type ConversationChannel,
  type ConversationType,
  type Disposition,
} from './conversation-catalog.js';
import type { Prng } from './prng.js';

/** Everything decided about one conversation before it is written. */
export interface ConversationProfile {
  readonly brand: Brand;
  readonly channel: ConversationChannel;
  readonly type: ConversationType;
  readonly startedAt: number;
  /** Undefined for abandoned chats and unanswered forms. */
  readonly endedAt: number | undefined;
  readonly businessStarted: boolean;
  readonly twoWay: boolean;
  readonly disposition: Disposition;
  readonly flow: string;
  readonly agentId: string | undefined;
  readonly handedOff: boolean;
  readonly salesHandled: boolean;
  readonly resolvedByBot: boolean;
  readonly escalated: boolean;
  readonly demoRequested: boolean;
  readonly firstResponseSeconds: number | undefined;
  readonly csat: number | undefined;
  readonly cost: number;
  readonly intent: string;
  readonly sentiment: number;
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * Decides how a conversation went. The rules tie the fields together the way real platforms do:
 * proactive outreach is often ignored, bots answer in a second and agents in tens of seconds,
 * sentiment drives CSAT, and a qualified sales conversation is what later converts.
 */
export function profileConversation(
  rng: Prng,
  brand: Brand,
  channel: ConversationChannel,
  type: ConversationType,
  startedAt: number,
): ConversationProfile {
  const sales = SALES_TYPES.has(type);
  const businessStarted = type === 'proactive' || (type === 'cart_recovery' && channel === 'sms');
  const twoWay = channel === 'form' ? rng.chance(0.55) : rng.chance(businessStarted ? 0.45 : 0.96);
  const disposition = pickDisposition(rng, brand, sales, twoWay, channel);

  const bot = channel === 'bot' || (channel === 'sms' && businessStarted);
  const handedOff = bot && twoWay && rng.chance(disposition === 'qualified' ? 0.35 : 0.2);
  const human = !bot || handedOff;
  const answered = channel !== 'form' || twoWay;
  const salesHandled =
    human &&
    answered &&
    disposition === 'qualified' &&
    (brand === 'saas' || type === 'product_recommendation' || rng.chance(0.3));
  const resolvedByBot =
    bot && !handedOff && twoWay && disposition !== 'wrong_person' && rng.chance(0.8);

  const sentiment = round(clamp(sentimentMean(type, disposition) + 0.3 * rng.normal(), -1, 1), 2);
  const escalated =
    disposition === 'support' && !resolvedByBot && (sentiment < -0.45 || rng.chance(0.06));
  const firstResponseSeconds = twoWay
    ? firstResponse(rng, channel, human && !handedOff)
    : undefined;
  // A conversation lasts at least until its first answer; a form's reply is its end.
  const durationSeconds =
    channel === 'form'
      ? (firstResponseSeconds ?? 0)
      : Math.max(duration(rng, channel, twoWay), (firstResponseSeconds ?? 0) + rng.between(10, 60));
  const abandoned = (channel === 'chat' || channel === 'bot') && rng.chance(0.06);
  const endedAt =
    abandoned || (channel === 'form' && !twoWay)
      ? undefined
      : startedAt + Math.round(durationSeconds * 1000);

  const csat =
    twoWay && !abandoned && channel !== 'form' && rng.chance(0.4)
      ? clamp(Math.round(3.7 + 1.8 * sentiment + 0.6 * rng.normal()), 1, 5)
      : undefined;

  // Agents cost by the minute they actually work: a whole call, part of a chat (they run several
  // at once), a few minutes for a text thread or a form reply. Platforms charge per session.
  const minutes =
    channel === 'voice'
      ? durationSeconds / 60
      : channel === 'chat' || channel === 'bot'
        ? (0.6 * durationSeconds) / 60
        : rng.between(2, 8);
  const agentCost =
    human && answered ? (channel === 'voice' ? 0.95 : 0.5) * Math.max(2, minutes) : 0;
  const platformCost = { chat: 0.1, bot: 0.2, voice: 0.45, sms: 0.12, form: 0.05 }[channel];
  const cost = round(platformCost + Math.min(agentCost, 40), 2);

  return {
    brand,
    channel,
    type,
    startedAt,
    endedAt,
    businessStarted,
    twoWay,
    disposition,
    flow:
      channel === 'form'
        ? formFlow(brand, type)
        : bot
          ? botFlow(brand, type)
          : teamFlow(brand, type, sales),
    agentId: human && answered ? agentId(brand, rng.int(1, brand === 'shop' ? 24 : 12)) : undefined,
    handedOff,
    salesHandled,
    resolvedByBot,
    escalated,
    demoRequested: brand === 'saas' && disposition === 'qualified' && rng.chance(0.55),
    firstResponseSeconds,
    csat,
    cost,
    intent: rng.pick(intentsFor(brand, type, disposition)),
    sentiment,
  };
}

function pickDisposition(
  rng: Prng,
  brand: Brand,
  sales: boolean,
  twoWay: boolean,
  channel: ConversationChannel,
): Disposition {
  if (!twoWay) return channel === 'form' && sales ? 'qualified' : 'no_intent';
  if (!sales) return rng.weighted({ support: 0.88, no_intent: 0.07, wrong_person: 0.05 });
  return brand === 'shop'
    ? rng.weighted({ qualified: 0.55, no_intent: 0.25, support: 0.14, wrong_person: 0.06 })
    : rng.weighted({ qualified: 0.42, no_intent: 0.28, support: 0.12, wrong_person: 0.18 });
}

function sentimentMean(type: ConversationType, disposition: Disposition): number {
  if (disposition === 'qualified') return 0.35;
  if (type === 'return_exchange') return -0.25;
  if (disposition === 'support') return -0.08;
  return disposition === 'wrong_person' ? -0.05 : 0.02;
}

function firstResponse(rng: Prng, channel: ConversationChannel, human: boolean): number {
  switch (channel) {
    case 'bot':
      return round(rng.between(0.4, 2.5), 1);
    case 'chat':
      return human ? Math.round(rng.logNormal(32, 0.8)) : round(rng.between(0.4, 2.5), 1);
    case 'voice':
      return Math.round(rng.logNormal(28, 0.6));
    case 'sms':
      return human ? Math.round(rng.logNormal(240, 1)) : round(rng.between(1, 6), 1);
    case 'form':
      return Math.min(172_800, Math.round(rng.logNormal(5_400, 0.9)));
  }
}

function duration(rng: Prng, channel: ConversationChannel, twoWay: boolean): number {
  if (!twoWay) return rng.between(5, 60);
  switch (channel) {
    case 'bot':
      return rng.logNormal(150, 0.6);
    case 'chat':
      return rng.logNormal(540, 0.6);
    case 'voice':
      return rng.logNormal(420, 0.7);
    case 'sms':
      return rng.logNormal(3_600, 1);
    case 'form':
      return 0;
  }
}
