import { attributionProblem, throwIfProblems } from './attribution-error.js';
import { applyConversationTiers } from './apply-conversation-tiers.js';
import { lastNonDirectIndex } from './last-non-direct.js';
import {
  DEFAULT_DIRECT_CHANNELS,
  DEFAULT_FIRST_SHARE,
  DEFAULT_HALF_LIFE_DAYS,
  DEFAULT_LAST_SHARE,
  DEFAULT_MILESTONE_SHARE,
  validateModelSpec,
  type CreditableTouch,
  type ModelSpec,
} from './model-spec.js';
import { normaliseWeights } from './normalise-weights.js';
import { positionBasedWeights } from './position-based.js';
import { orderJourney, positionWeight } from './rule-models.js';
import { timeDecayWeights } from './time-decay.js';
import { applyTouchMultipliers } from './touch-multipliers.js';
import { wShapedWeights } from './w-shaped.js';

/** One touch's share of a conversion. */
export interface TouchCredit {
  readonly touchpointId: string;
  readonly fraction: number;
}

export type JourneyCrediter = (
  touches: readonly CreditableTouch[],
  conversionAt: number,
) => TouchCredit[];

/**
 * A model's crediting function, the spec validated once (throws AttributionError). The function
 * orders the journey by the tie rule (time, then touchpoint id) and returns every touch in that
 * order, zero shares included, fractions summing to 1; an empty journey gives [] (unattributed).
 * A touch later than the conversion is a caller's bug and throws.
 */
export function modelCrediter(spec: ModelSpec): JourneyCrediter {
  throwIfProblems(validateModelSpec(spec));
  return (touches, conversionAt) => {
    const ordered = orderJourney(touches);
    const late = ordered.find((t) => !(t.occurredAt <= conversionAt));
    if (late)
      throwIfProblems([
        attributionProblem(
          'journey.touch_after_conversion',
          `touch ${late.touchpointId} at ${late.occurredAt} is not before the conversion at ${conversionAt}`,
          'occurredAt',
        ),
      ]);
    if (ordered.length === 0) return [];
    const base = baseWeights(spec, ordered);
    const weighted = spec.multipliers
      ? applyTouchMultipliers(base, ordered, spec.multipliers)
      : base;
    const fractions = normaliseWeights(weighted);
    if (spec.tiers) applyConversationTiers(fractions, ordered, conversionAt, spec.tiers);
    return ordered.map((t, i) => ({ touchpointId: t.touchpointId, fraction: fractions[i] ?? 0 }));
  };
}

/** Credits of one journey under one model; see `modelCrediter` for the contract. */
export function creditTouches(
  spec: ModelSpec,
  touches: readonly CreditableTouch[],
  conversionAt: number,
): TouchCredit[] {
  return modelCrediter(spec)(touches, conversionAt);
}

/** Unnormalised weights of ordered touches; every model gives a positive sum for ≥ 1 touch. */
function baseWeights(spec: ModelSpec, ordered: readonly CreditableTouch[]): number[] {
  const n = ordered.length;
  switch (spec.kind) {
    case 'first_touch':
    case 'last_touch':
    case 'linear':
      return ordered.map((_t, i) => positionWeight(spec.kind, i + 1, n));
    case 'last_non_direct': {
      const pick = lastNonDirectIndex(
        ordered.map((t) => t.channel),
        spec.directChannels ?? DEFAULT_DIRECT_CHANNELS,
      );
      return ordered.map((_t, i) => (i === pick ? 1 : 0));
    }
    case 'time_decay':
      return timeDecayWeights(
        ordered.map((t) => t.occurredAt),
        spec.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS,
      );
    case 'position_based':
      return positionBasedWeights(
        n,
        spec.firstShare ?? DEFAULT_FIRST_SHARE,
        spec.lastShare ?? DEFAULT_LAST_SHARE,
      );
    case 'w_shaped':
      return wShapedWeights(ordered, spec.milestoneShare ?? DEFAULT_MILESTONE_SHARE);
  }
}
