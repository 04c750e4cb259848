import type { Problem } from '../errors.js';
import { attributionProblem } from './attribution-error.js';
import { validateConversationTiers, type ConversationTiers } from './conversation-revenue-tiers.js';
import type { JourneyTouch } from './rule-models.js';

/**
 * Every rule-based model `creditTouches` computes; the SQL stage renders each of them
 * (engine/sql/rule-weight-sql.ts, held equal by test/sql-matches-core.test.ts). `RULE_MODELS` is
 * the position-only subset that path-level code uses.
 */
export const MODEL_KINDS = [
  'first_touch',
  'last_touch',
  'last_non_direct',
  'linear',
  'time_decay',
  'position_based',
  'w_shaped',
] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export function isModelKind(value: string): value is ModelKind {
  return (MODEL_KINDS as readonly string[]).includes(value);
}

/** A touch of a journey as the rule models see it. */
export interface CreditableTouch extends JourneyTouch {
  readonly channel: string;
  /** conversation, marketing, sales, support: the key of `TouchMultipliers.byTouchType`. */
  readonly touchType?: string | undefined;
  /** The namespaced event behind the touch (`chat.demo.requested`), if any. */
  readonly eventType?: string | undefined;
  /**
   * More event types of the touch: for a conversation touch, those of its conversation's events.
   * Multipliers take the largest listed among `eventType` and these.
   */
  readonly eventTypes?: readonly string[] | undefined;
  /** Linked directly to the conversion (it carries the touch's conversation id): "converted". */
  readonly isDirect?: boolean | undefined;
  /** For a conversation touch: when the conversation ended (its start when unknown). */
  readonly endedAt?: number | undefined;
  /** The touch at which the lead was created: a W-shaped milestone. */
  readonly createsLead?: boolean | undefined;
  /** The touch at which the opportunity was created: a W-shaped milestone. */
  readonly createsOpportunity?: boolean | undefined;
}

/**
 * Multipliers applied on top of any model before renormalising. A touch's event type is looked up
 * first (it is the more specific), then its touch type; a touch matching neither keeps ×1.
 */
export interface TouchMultipliers {
  readonly byEventType?: Readonly<Record<string, number>> | undefined;
  readonly byTouchType?: Readonly<Record<string, number>> | undefined;
}

interface SpecBase {
  readonly multipliers?: TouchMultipliers | undefined;
  /**
   * Conversation revenue tiers as a credit adjustment on top of the model: the conversation touch
   * of the journey (the directly linked one, else the latest) keeps its tier's share S of the
   * conversion (during the session 100 %, 30 min 90 %, …), the model's fractions are scaled by
   * 1 − S. Without a conversation touch the model is unchanged.
   */
  readonly tiers?: ConversationTiers | undefined;
}

/** A rule-based model and its parameters; omitted parameters take the documented defaults. */
export type ModelSpec =
  | (SpecBase & { readonly kind: 'first_touch' | 'last_touch' | 'linear' })
  | (SpecBase & {
      readonly kind: 'last_non_direct';
      /** Compared case-insensitively; default `['direct']`. */
      readonly directChannels?: readonly string[] | undefined;
    })
  | (SpecBase & { readonly kind: 'time_decay'; readonly halfLifeDays?: number | undefined })
  | (SpecBase & {
      readonly kind: 'position_based';
      readonly firstShare?: number | undefined;
      readonly lastShare?: number | undefined;
    })
  | (SpecBase & {
      readonly kind: 'w_shaped';
      /** Share of each distinct milestone touch, at most 1/3; default 0.3. */
      readonly milestoneShare?: number | undefined;
    });

export const DEFAULT_HALF_LIFE_DAYS = 7;
export const DEFAULT_FIRST_SHARE = 0.4;
export const DEFAULT_LAST_SHARE = 0.4;
export const DEFAULT_MILESTONE_SHARE = 0.3;
export const DEFAULT_DIRECT_CHANNELS: readonly string[] = ['direct'];

/** Everything wrong with a spec, as values; an empty list means `creditTouches` accepts it. */
export function validateModelSpec(spec: ModelSpec): Problem[] {
  const problems: Problem[] = [];
  const bad = (field: string, message: string) =>
    problems.push(attributionProblem(`model.${spec.kind}.${field}`, message, field));
  switch (spec.kind) {
    case 'time_decay': {
      const h = spec.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS;
      if (!(Number.isFinite(h) && h > 0))
        bad('halfLifeDays', `must be a positive number, not ${h}`);
      break;
    }
    case 'position_based': {
      const first = spec.firstShare ?? DEFAULT_FIRST_SHARE;
      const last = spec.lastShare ?? DEFAULT_LAST_SHARE;
      if (!isShare(first)) bad('firstShare', `must be between 0 and 1, not ${first}`);
      if (!isShare(last)) bad('lastShare', `must be between 0 and 1, not ${last}`);
      // A hair of tolerance so that 0.6 + 0.4 written in a config is accepted.
      if (first + last > 1 + 1e-12) bad('lastShare', `first and last shares sum above 1`);
      break;
    }
    case 'w_shaped': {
      const m = spec.milestoneShare ?? DEFAULT_MILESTONE_SHARE;
      if (!(Number.isFinite(m) && m > 0 && m <= 1 / 3 + 1e-12))
        bad('milestoneShare', `must be above 0 and at most 1/3, not ${m}`);
      break;
    }
    case 'last_non_direct':
      if (spec.directChannels?.length === 0) bad('directChannels', 'must name a channel');
      break;
    default:
      break;
  }
  for (const [table, field] of [
    [spec.multipliers?.byEventType, 'multipliers.byEventType'],
    [spec.multipliers?.byTouchType, 'multipliers.byTouchType'],
  ] as const) {
    for (const [key, m] of Object.entries(table ?? {}))
      if (!(Number.isFinite(m) && m >= 0))
        bad(field, `multiplier of ${key} must be a finite number ≥ 0, not ${m}`);
  }
  if (spec.tiers)
    for (const p of validateConversationTiers(spec.tiers))
      bad(`tiers.${p.location?.field ?? ''}`, p.message);
  return problems;
}

function isShare(x: number): boolean {
  return Number.isFinite(x) && x >= 0 && x <= 1;
}
