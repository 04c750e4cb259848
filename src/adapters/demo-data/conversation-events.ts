import type { ConversationProfile } from './conversation-profile.js';
import { stageOf } from './conversation-catalog.js';
import type { Prng } from './prng.js';

export type Actor = 'user' | 'agent' | 'bot';

/** One lifecycle event before identifiers and ids are attached. */
export interface EventDraft {
  readonly type: string;
  readonly actor: Actor;
  readonly stage: string;
  readonly properties: Readonly<Record<string, string | number | boolean>>;
  readonly intentLabel?: string;
  readonly confidence?: number;
  readonly sentiment?: number;
  /** The user typed their email address in this event; later events carry it. */
  readonly revealsEmail?: boolean;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * The namespaced events a conversation emits, in order. Chat and bot sessions use the chat.*
 * lifecycle, calls and texts their own session and message events, and all of them share the
 * intent, qualification and hand-off events, so funnels can be read across channels.
 */
export function draftEvents(rng: Prng, p: ConversationProfile, sharesEmail: boolean): EventDraft[] {
  const stage = stageOf(p.type);
  const events: EventDraft[] = [];
  const human: Actor = p.agentId === undefined ? 'bot' : 'agent';
  const ev = (
    type: string,
    actor: Actor,
    properties: EventDraft['properties'] = {},
  ): EventDraft => ({
    type,
    actor,
    stage,
    properties,
  });
  const userSays = (type: string, turn: number, reveal: boolean): EventDraft => ({
    ...ev(
      type,
      'user',
      reveal ? { turn, chars: rng.int(12, 60), shared: 'email' } : { turn, chars: rng.int(4, 180) },
    ),
    sentiment: round2(Math.min(1, Math.max(-1, p.sentiment + 0.15 * rng.normal()))),
    ...(reveal ? { revealsEmail: true } : {}),
  });
  const intent = (): EventDraft => ({
    ...ev('chat.intent.detected', 'bot', { model: 'nlu-2025.2', alternatives: rng.int(0, 3) }),
    intentLabel: p.intent,
    confidence: round2(
      p.disposition === 'no_intent' ? rng.between(0.2, 0.55) : rng.between(0.6, 0.99),
    ),
  });

  switch (p.channel) {
    case 'chat':
    case 'bot': {
      const entry = p.businessStarted ? 'proactive_invite' : 'widget';
      events.push(ev('chat.conversation.started', p.businessStarted ? 'bot' : 'user', { entry }));
      if (p.businessStarted)
        events.push(ev('chat.message.sent', 'bot', { turn: 1, chars: rng.int(40, 160) }));
      if (p.twoWay) {
        const extra = rng.poisson(0.5);
        events.push(userSays('chat.message.sent', 2, sharesEmail && extra === 0));
        events.push(intent());
        for (let i = 0; i < extra; i += 1) {
          events.push(ev('chat.message.sent', human, { turn: 3 + 2 * i, chars: rng.int(20, 300) }));
          events.push(userSays('chat.message.sent', 4 + 2 * i, sharesEmail && i === extra - 1));
        }
      }
      break;
    }
    case 'voice':
      events.push(
        ev('voice.session.started', p.businessStarted ? 'agent' : 'user', {
          direction: p.businessStarted ? 'outbound' : 'inbound',
          ivr: !p.businessStarted,
        }),
      );
      if (p.twoWay) events.push(intent());
      break;
    case 'sms':
      if (p.businessStarted)
        events.push(ev('sms.message.sent', 'bot', { segments: rng.int(1, 2) }));
      if (p.twoWay || !p.businessStarted) {
        events.push(userSays('sms.message.received', 1, sharesEmail));
        if (p.twoWay) events.push(intent());
        events.push(ev('sms.message.sent', human, { segments: rng.int(1, 3) }));
      }
      break;
    case 'form':
      events.push({
        ...userSays('form.submitted', 1, sharesEmail),
        properties: { form: p.flow, fields: rng.int(3, 8) },
      });
      break;
  }
  addOutcomeEvents(rng, p, events, human);
  return events;
}

function addOutcomeEvents(
  rng: Prng,
  p: ConversationProfile,
  events: EventDraft[],
  human: Actor,
): void {
  if (p.demoRequested) {
    events.push({
      type: 'chat.demo.requested',
      actor: 'user',
      stage: 'qualification',
      properties: { slot_offered_days: rng.int(1, 10) },
    });
  }
  if (p.disposition === 'qualified' && (p.brand === 'saas' || p.salesHandled)) {
    const score = rng.int(55, 99);
    events.push({
      type: 'chat.lead.qualified',
      actor: human,
      stage: 'qualification',
      properties: { score, framework: 'BANT' },
    });
  }
  if (p.salesHandled && (p.handedOff || p.brand === 'saas')) {
    const queue = p.brand === 'shop' ? 'shop_stylists' : 'saas_sdr';
    events.push({
      type: 'chat.handoff.sales',
      actor: p.handedOff ? 'bot' : 'agent',
      stage: 'sales',
      properties: { queue, wait_s: rng.int(5, 240) },
    });
  }
  if (p.endedAt === undefined) return;
  const seconds = Math.round((p.endedAt - p.startedAt) / 1000);
  if (p.channel === 'voice') {
    events.push({
      type: 'voice.session.ended',
      actor: human,
      stage: stageOf(p.type),
      properties: { duration_s: seconds, recorded: rng.chance(0.7) },
    });
  } else if (p.escalated) {
    const reason =
      p.sentiment < -0.45 ? 'negative_sentiment' : rng.pick(['complex_issue', 'policy_exception']);
    events.push({
      type: 'chat.conversation.escalated',
      actor: human,
      stage: 'support',
      properties: { reason },
    });
  } else if (p.twoWay && p.channel !== 'form') {
    const resolution = p.resolvedByBot ? 'bot' : 'agent';
    events.push({
      type: 'chat.conversation.resolved',
      actor: p.resolvedByBot ? 'bot' : human,
      stage: stageOf(p.type),
      properties: { resolution, duration_s: seconds },
    });
  }
}
