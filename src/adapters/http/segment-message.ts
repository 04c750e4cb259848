import { isJsonObject } from '../../core/contracts/json-schema.js';
import { IDENTIFIER_FIELDS } from '../../core/canonical/source-kinds.js';
import { fieldsOf } from '../../core/canonical/source-kinds.js';

/** Segment message types convrev maps onto its canonical records. */
export const SEGMENT_TYPES = new Set(['track', 'identify', 'alias']);

const EVENT_COLUMNS = new Set(fieldsOf('conversation_events').map((f) => f.name));
const TOUCH_FIELDS = [
  'touchpoint_type',
  'channel',
  'campaign',
  'source',
  'conversation_id',
  'account_id',
];
// Traits that name or locate a person: kept out of stored properties when PII is hashed.
const PERSONAL_TRAITS = new Set([
  'name',
  'first_name',
  'last_name',
  'firstName',
  'lastName',
  'address',
  'birthday',
]);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (isJsonObject(v) ? v : {});

/**
 * A Segment-spec message (track, identify, alias) as a canonical convrev payload, so analytics
 * SDKs can send to the collector. A track whose event names a conversation event type becomes
 * that event; any other track becomes a touchpoint (its properties may say touchpoint_type,
 * channel, campaign; else the campaign context does). identify and alias become identity events
 * that the identity stage joins like any record carrying several identifiers (alias: previousId
 * is taken as the anonymous id). Segment's timestamp (else originalTimestamp) is the event time.
 */
export function segmentToCanonical(
  message: Record<string, unknown>,
  isEventType: (type: string) => boolean,
  dropPersonalTraits: boolean,
): Record<string, unknown> {
  const context = obj(message.context);
  const traits = { ...obj(context.traits), ...obj(message.traits) };
  const common: Record<string, unknown> = {
    event_id: str(message.messageId),
    occurred_at: str(message.timestamp) ?? str(message.originalTimestamp),
    sent_at: str(message.sentAt),
    anonymous_id: str(message.anonymousId),
    user_id: str(message.userId),
    email: str(traits.email),
    phone: str(traits.phone),
    crm_contact_id: str(traits.crm_contact_id),
  };
  const properties = obj(message.properties);
  switch (message.type) {
    case 'identify': {
      const kept = Object.entries(traits).filter(
        ([k]) =>
          !IDENTIFIER_FIELDS.includes(k as never) &&
          !(dropPersonalTraits && PERSONAL_TRAITS.has(k)),
      );
      return clean({
        type: 'identity.identify',
        ...common,
        properties: kept.length ? Object.fromEntries(kept) : undefined,
      });
    }
    case 'alias':
      return clean({ type: 'identity.alias', ...common, anonymous_id: str(message.previousId) });
    default:
      return clean(
        track(str(message.event) ?? '', common, properties, obj(context.campaign), isEventType),
      );
  }
}

function track(
  event: string,
  common: Record<string, unknown>,
  properties: Record<string, unknown>,
  campaign: Record<string, unknown>,
  isEventType: (type: string) => boolean,
): Record<string, unknown> {
  if (isEventType(event)) {
    const columns = Object.entries(properties).filter(([k]) => EVENT_COLUMNS.has(k));
    const rest = Object.entries(properties).filter(([k]) => !EVENT_COLUMNS.has(k));
    return {
      type: event,
      ...common,
      ...Object.fromEntries(columns),
      properties: rest.length ? Object.fromEntries(rest) : undefined,
    };
  }
  const { event_id: id, occurred_at: at, sent_at: sent, ...ids } = common;
  const given = Object.fromEntries(TOUCH_FIELDS.map((f) => [f, str(properties[f])]));
  return {
    type: 'record.touchpoints',
    touchpoint_id: id,
    occurred_at: at,
    sent_at: sent,
    event_type: event || undefined,
    touchpoint_type: given.touchpoint_type ?? 'marketing',
    channel: given.channel ?? str(campaign.medium) ?? 'direct',
    campaign: given.campaign ?? str(campaign.name),
    source: given.source ?? str(campaign.source),
    conversation_id: given.conversation_id,
    account_id: given.account_id,
    ...ids,
  };
}

/** Without the keys whose value is undefined: contracts refuse nulls where a field is required. */
function clean(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
}
