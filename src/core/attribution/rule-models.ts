/**
 * Rule-based attribution: the share of a conversion's credit each touch of its journey earns,
 * from the touch's position alone. Journeys are ordered by touch time, then by touchpoint id
 * (plain byte order) so that touches at the same instant always rank the same way.
 */
// The position-only models, for path-level credits. Every rule model, with parameters and custom
// weights, is in model-spec.ts (`MODEL_KINDS`) and credit-touches.ts; the SQL stage renders all.
export const RULE_MODELS = ['first_touch', 'last_touch', 'linear'] as const;
export type RuleModel = (typeof RULE_MODELS)[number];

export function isRuleModel(value: string): value is RuleModel {
  return (RULE_MODELS as readonly string[]).includes(value);
}

/** Credit fraction of the touch at 1-based `position` in a journey of `count` touches. */
export function positionWeight(model: RuleModel, position: number, count: number): number {
  switch (model) {
    case 'first_touch':
      return position === 1 ? 1 : 0;
    case 'last_touch':
      return position === count ? 1 : 0;
    case 'linear':
      return 1 / count;
  }
}

export interface JourneyTouch {
  readonly touchpointId: string;
  readonly occurredAt: number;
}

/** Orders touches by the documented tie rule: time, then touchpoint id. */
export function orderJourney<T extends JourneyTouch>(touches: readonly T[]): T[] {
  return [...touches].sort(
    (a, b) =>
      a.occurredAt - b.occurredAt ||
      (a.touchpointId < b.touchpointId ? -1 : a.touchpointId > b.touchpointId ? 1 : 0),
  );
}

/** Reference credits of one journey under one model; touches earning 0 are left out. */
export function creditJourney(
  model: RuleModel,
  touches: readonly JourneyTouch[],
): { touchpointId: string; fraction: number }[] {
  const ordered = orderJourney(touches);
  return ordered
    .map((t, i) => ({
      touchpointId: t.touchpointId,
      fraction: positionWeight(model, i + 1, ordered.length),
    }))
    .filter((c) => c.fraction > 0);
}
