import type { CreditableTouch, TouchMultipliers } from './model-spec.js';

/**
 * The multiplier of one touch: the largest of its listed event types' (its own event type and,
 * for a conversation, its events' types), else its touch type's, else 1.
 */
export function touchMultiplier(touch: CreditableTouch, multipliers: TouchMultipliers): number {
  // Own properties only: a config key such as "constructor" must not reach Object.prototype.
  const { byEventType, byTouchType } = multipliers;
  const types = [
    ...(touch.eventType === undefined ? [] : [touch.eventType]),
    ...(touch.eventTypes ?? []),
  ];
  const listed = byEventType
    ? types.filter((e) => Object.hasOwn(byEventType, e)).map((e) => byEventType[e] ?? 1)
    : [];
  if (listed.length > 0) return Math.max(...listed);
  if (touch.touchType !== undefined && byTouchType && Object.hasOwn(byTouchType, touch.touchType))
    return byTouchType[touch.touchType] ?? 1;
  return 1;
}

/**
 * A model's weights times each touch's multiplier. When every product is 0 (the only touches with
 * weight were multiplied by 0) the model's own weights come back unchanged: custom weights adjust
 * a model, they never leave a conversion unattributed.
 */
export function applyTouchMultipliers(
  weights: readonly number[],
  touches: readonly CreditableTouch[],
  multipliers: TouchMultipliers,
): number[] {
  const weighted = weights.map((w, i) => {
    const touch = touches[i];
    return touch ? w * touchMultiplier(touch, multipliers) : w;
  });
  return weighted.some((w) => w > 0) ? weighted : [...weights];
}
