/**
 * A conversion definition: which outcomes count, what each is worth, whose touches may have
 * earned it, over which window, and whether a touch may credit several of them.
 */
export const OUTCOMES = [
  'order',
  'opportunity_created',
  'closed_won',
  'qualified_lead',
  'ticket_deflected',
  'custom',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

export type IdentityLevel = 'person' | 'account';

/**
 * What a conversion's value is money of. Revenue was earned (orders, closed-won deals, custom
 * revenue events), pipeline is expected (opportunities created, qualified leads), savings is cost
 * not incurred (deflected tickets). Totals are taken per kind and never across kinds: a deal that
 * is created and then won is pipeline once and revenue once.
 */
export const VALUE_KINDS = ['revenue', 'pipeline', 'savings'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

export function isValueKind(value: string): value is ValueKind {
  return (VALUE_KINDS as readonly string[]).includes(value);
}

/**
 * `all_in_window`: a touch credits every conversion whose window holds it. `next_only`: a touch
 * credits only the next conversion of the same definition and person (or account); touches at or
 * before an earlier conversion of theirs were consumed by it.
 */
export const CYCLES = ['all_in_window', 'next_only'] as const;
export type Cycle = (typeof CYCLES)[number];

/**
 * Which touches may earn credit; every filter given must hold, an absent one always does. Lists
 * compare exactly (channels case-sensitively, as stored). Conversation properties (`twoWay`,
 * `salesHandled`) constrain conversation touches only; marketing, sales and support touches pass
 * them. A touch matches `eventTypes` by its own event type or, for a conversation touch, by the
 * type of any event of its conversation.
 */
export interface EligibleTouches {
  readonly touchpointTypes?: readonly string[] | undefined;
  readonly channels?: readonly string[] | undefined;
  readonly excludeChannels?: readonly string[] | undefined;
  readonly eventTypes?: readonly string[] | undefined;
  readonly twoWay?: boolean | undefined;
  readonly salesHandled?: boolean | undefined;
}

/** A field of the outcome's record, or one value for every conversion of the definition. */
export type ConversionValue = { readonly field: string } | { readonly constant: number };

export interface ConversionDefinition {
  /** Unique; conversion ids are `name:record id` (the short forms keep `order:123`). */
  readonly name: string;
  readonly outcome: Outcome;
  /** For `custom`: the conversation event type that is the outcome. */
  readonly eventType?: string | undefined;
  readonly value: ConversionValue;
  /** What the value is money of; default by outcome (OUTCOME_DEFAULTS). */
  readonly valueKind: ValueKind;
  readonly level: IdentityLevel;
  /** Touches from this many days before the conversion up to its instant, both ends inclusive. */
  readonly lookbackDays: number;
  readonly cycle: Cycle;
  readonly eligible: EligibleTouches;
}

/**
 * Per outcome: its default level, value kind and the fields its value may come from (the first
 * is the default; none means 0).
 */
export const OUTCOME_DEFAULTS: Readonly<
  Record<
    Outcome,
    {
      readonly level: IdentityLevel;
      readonly valueKind: ValueKind;
      readonly valueFields: readonly string[];
    }
  >
> = {
  order: { level: 'person', valueKind: 'revenue', valueFields: ['amount'] },
  opportunity_created: { level: 'account', valueKind: 'pipeline', valueFields: ['amount'] },
  closed_won: { level: 'account', valueKind: 'revenue', valueFields: ['amount'] },
  qualified_lead: { level: 'person', valueKind: 'pipeline', valueFields: [] },
  // A deflected ticket earns the support cost it saved: its cost.
  ticket_deflected: { level: 'person', valueKind: 'savings', valueFields: ['cost'] },
  custom: { level: 'person', valueKind: 'revenue', valueFields: ['confidence', 'sentiment_score'] },
};

/** The definition a short form (`order`) stands for, at the config's default window. */
export function shortFormDefinition(
  outcome: Exclude<Outcome, 'custom'>,
  lookbackDays: number,
): ConversionDefinition {
  const defaults = OUTCOME_DEFAULTS[outcome];
  const field = defaults.valueFields[0];
  return {
    name: outcome,
    outcome,
    value: field === undefined ? { constant: 0 } : { field },
    valueKind: defaults.valueKind,
    level: defaults.level,
    lookbackDays,
    cycle: 'all_in_window',
    eligible: {},
  };
}

/** A touch as the eligibility filters see it. */
export interface FilterableTouch {
  readonly touchType: string;
  readonly channel: string | null;
  /** Its own event type and, for a conversation touch, its conversation's event types. */
  readonly eventTypes: readonly string[];
  readonly twoWay?: boolean | null | undefined;
  readonly salesHandled?: boolean | null | undefined;
}

/** The reference form of the eligibility filters (the SQL stage renders the same rule). */
export function isEligible(filter: EligibleTouches, touch: FilterableTouch): boolean {
  const inList = (list: readonly string[] | undefined, v: string | null) =>
    list === undefined || (v !== null && list.includes(v));
  if (!inList(filter.touchpointTypes, touch.touchType)) return false;
  if (!inList(filter.channels, touch.channel)) return false;
  if (
    filter.excludeChannels &&
    touch.channel !== null &&
    filter.excludeChannels.includes(touch.channel)
  )
    return false;
  if (filter.eventTypes && !touch.eventTypes.some((e) => filter.eventTypes?.includes(e)))
    return false;
  if (touch.touchType === 'conversation') {
    if (filter.twoWay !== undefined && (touch.twoWay ?? false) !== filter.twoWay) return false;
    if (filter.salesHandled !== undefined && (touch.salesHandled ?? false) !== filter.salesHandled)
      return false;
  }
  return true;
}
