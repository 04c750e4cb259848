import type { Brand } from './campaigns.js';
import type { ConversationChannel, ConversationType } from './conversation-catalog.js';
import { draftEvents } from './conversation-events.js';
import { profileConversation, type ConversationProfile } from './conversation-profile.js';
import { DEMO_END, isoUtc, isoUtcMillis, isoWithOffset, MINUTE_MS } from './demo-clock.js';
import type { IdentifierCells, DemoPerson } from './demo-person.js';
import type { DemoSinks } from './demo-sinks.js';
import { isTypoForm, typoCells, typoEmail } from './lead-typo.js';
import type { Prng } from './prng.js';

/** What a journey asks for: who talks, where, about what, and what they reveal. */
export interface ConversationRequest {
  readonly brand: Brand;
  readonly channel: ConversationChannel;
  readonly type: ConversationType;
  readonly at: number;
  readonly person: DemoPerson;
  /** The browser the web widget or form ran in; calls and texts have none. */
  readonly device: string | undefined;
  readonly loggedIn: boolean;
  /** The person types (or says) their email address during the conversation. */
  readonly sharesEmail: boolean;
  /** The platform matched the person to a CRM contact and stamped the id on the conversation. */
  readonly crmLinked: boolean;
}

export interface WrittenConversation {
  readonly id: string;
  readonly profile: ConversationProfile;
  /** When the conversation was over (or abandoned), for what follows it. */
  readonly doneAt: number;
}

const SCHEMA_CHANGE = DEMO_END - 180 * 86_400_000;

/**
 * Writes one conversation: its row, its lifecycle events and, for support conversations, the
 * help-desk ticket (deflected when the bot resolved it). Identifiers appear on events only from
 * the moment the person gave them, as a live event stream would show them.
 */
export class ConversationWriter {
  private conversations = 0;
  private events = 0;
  private tickets = 0;

  constructor(
    private readonly rng: Prng,
    private readonly sinks: DemoSinks,
  ) {}

  write(req: ConversationRequest): WrittenConversation {
    const { rng, sinks } = this;
    this.conversations += 1;
    const id = `cnv_${String(this.conversations).padStart(8, '0')}`;
    const p = profileConversation(rng, req.brand, req.channel, req.type, req.at);
    const drafts = draftEvents(rng, p, req.sharesEmail);
    const phoneChannel = req.channel === 'voice' || req.channel === 'sms';
    const emailShared =
      drafts.some((d) => d.revealsEmail === true) || (req.channel === 'voice' && req.sharesEmail);
    const base = {
      ...(phoneChannel ? {} : { device: req.device }),
      userId: req.loggedIn,
      crmContactId: req.crmLinked,
      ...(phoneChannel ? { phone: 'e164' as const } : {}),
    };
    const typo =
      req.channel === 'form' &&
      req.brand === 'saas' &&
      emailShared &&
      req.person.email !== undefined &&
      isTypoForm(this.conversations)
        ? typoEmail(req.person.email, this.conversations)
        : undefined;
    const cells = (email: boolean) =>
      typo === undefined
        ? req.person.identifiers({ ...base, email }, rng)
        : typoCells(req.person, typo, email, rng);
    const ids = cells(emailShared);

    sinks.write('conversations', {
      conversation_id: id,
      channel: p.channel,
      started_at: isoUtc(p.startedAt),
      ended_at: p.endedAt === undefined ? undefined : isoUtc(p.endedAt),
      brand: p.brand,
      conversation_type: p.type,
      flow: p.flow,
      agent_id: p.agentId,
      disposition: p.disposition,
      two_way: p.twoWay,
      sales_handled: p.salesHandled,
      first_response_seconds: p.firstResponseSeconds,
      resolved_by_bot: p.resolvedByBot,
      handed_off: p.handedOff,
      csat: p.csat,
      cost: p.cost.toFixed(2),
      intent: p.intent,
      sentiment: p.sentiment,
      ...ids,
    });

    const doneAt = p.endedAt ?? p.startedAt + rng.int(1, 6) * MINUTE_MS;
    const session = `ses_${rng.hex(16)}`;
    const correlation =
      p.disposition === 'qualified'
        ? `${p.brand === 'shop' ? 'cart' : 'lead'}_${rng.hex(12)}`
        : undefined;
    const times = eventTimes(rng, p.startedAt, doneAt, drafts.length);
    let emailKnown = false;
    drafts.forEach((d, i) => {
      emailKnown ||= d.revealsEmail === true;
      const at = times[i] ?? doneAt;
      this.events += 1;
      const late = rng.chance(0.02);
      const evIds = cells(emailKnown);
      sinks.write('conversation_events', {
        event_id: `evt_${String(this.events).padStart(9, '0')}`,
        event_type: d.type,
        schema_version: at < SCHEMA_CHANGE ? '1.0' : '1.1',
        occurred_at: isoUtcMillis(at),
        received_at: isoUtcMillis(
          at + (late ? Math.round(rng.logNormal(1_200_000, 1)) : rng.int(60, 2_500)),
        ),
        conversation_id: id,
        session_id: session,
        correlation_id: correlation,
        actor: d.actor,
        intent_label: d.intentLabel,
        confidence: d.confidence,
        sentiment_score: d.sentiment,
        stage: d.stage,
        properties: JSON.stringify(
          // A B2B lead form asks for the name; the identity stage matches it to CRM contacts.
          d.type === 'form.submitted' && req.brand === 'saas'
            ? {
                ...d.properties,
                first_name: req.person.firstName,
                last_name: req.person.lastName,
              }
            : d.properties,
        ),
        ...evIds,
      });
    });

    if (p.disposition === 'support') this.writeTicket(id, p, req.person, ids);
    return { id, profile: p, doneAt };
  }

  /**
   * A ticket that came by email, with no conversation behind it. The help desk was exported when
   * the demo year closed: a ticket created after it is not in the file (its random draws are
   * still made, so the rest of the data does not change with it).
   */
  writeEmailTicket(person: DemoPerson, at: number): void {
    this.tickets += 1;
    const row = {
      ticket_id: `tk_${String(this.tickets).padStart(7, '0')}`,
      created_at: isoWithOffset(at, 'central_europe'),
      channel: 'email',
      deflected: false,
      cost: this.rng.logNormal(6, 0.4).toFixed(2),
      ...person.identifiers({ email: true }, this.rng),
    };
    if (at < DEMO_END) this.sinks.write('tickets', row);
  }

  private writeTicket(
    conversationId: string,
    p: ConversationProfile,
    person: DemoPerson,
    ids: IdentifierCells,
  ): void {
    const { rng } = this;
    this.tickets += 1;
    const handling = p.resolvedByBot
      ? rng.between(0.3, 0.9)
      : rng.logNormal(7.5, 0.45) * (p.escalated ? 1.8 : 1);
    this.sinks.write('tickets', {
      ticket_id: `tk_${String(this.tickets).padStart(7, '0')}`,
      created_at: isoWithOffset(
        p.startedAt + (p.firstResponseSeconds ?? 0) * 1000,
        'central_europe',
      ),
      channel: p.channel,
      conversation_id: conversationId,
      deflected: p.resolvedByBot,
      cost: handling.toFixed(2),
      ...ids,
      // Help desks reformat phone numbers; the matcher must still see the same person.
      ...(ids.phone === undefined
        ? {}
        : { phone: person.identifiers({ phone: 'dashed' }, rng).phone }),
    });
  }
}

/** Event instants from start to end: the first at the start, the last at the end, the rest between. */
function eventTimes(rng: Prng, start: number, end: number, count: number): number[] {
  if (count <= 1) return [start];
  const inner = Array.from(
    { length: count - 2 },
    () => start + Math.round(rng.next() * (end - start)),
  );
  inner.sort((a, b) => a - b);
  return [start, ...inner, end];
}
