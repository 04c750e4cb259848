import { UserError } from '../../core/errors.js';
import {
  CONVERSATION_DEFINITIONS,
  DEAL_OUTCOMES,
  isConversationDefinition,
  isDealOutcome,
  type ConversationDefinition,
  type DealOutcome,
} from '../../core/metrics/conversion-definitions.js';
import type { MetricSettings } from '../metrics/metric-settings.js';

/** The requested model, checked against the models with credits; undefined for all. */
export function chosenModel(
  settings: MetricSettings,
  model: string | undefined,
): string | undefined {
  if (model === undefined || settings.models.includes(model)) return model;
  const known = settings.models.length
    ? settings.models.join(', ')
    : 'none: the last run credited nothing';
  throw new UserError(`unknown model "${model}" (models with credits: ${known})`);
}

/** The models a report covers: the one asked for, or every model with credits. */
export function modelsOf(settings: MetricSettings, model: string | undefined): readonly string[] {
  const one = chosenModel(settings, model);
  return one === undefined ? settings.models : [one];
}

/** Requested dimensions in order without repeats, each checked against `valid`. */
export function chosenDimensions<D extends string>(
  by: readonly string[] | undefined,
  valid: readonly D[],
  fallback: readonly D[],
): D[] {
  if (by === undefined || by.length === 0) return [...fallback];
  const out: D[] = [];
  for (const name of by) {
    if (!(valid as readonly string[]).includes(name))
      throw new UserError(`cannot group by "${name}" (dimensions: ${valid.join(', ')})`);
    if (!out.includes(name as D)) out.push(name as D);
  }
  return out;
}

export function chosenDefinition(
  value: string | undefined,
  fallback: ConversationDefinition,
): ConversationDefinition {
  if (value === undefined) return fallback;
  if (isConversationDefinition(value)) return value;
  throw new UserError(`--definition ${value}: give one of ${CONVERSATION_DEFINITIONS.join(', ')}`);
}

export function chosenOutcome(value: string | undefined, fallback: DealOutcome): DealOutcome {
  if (value === undefined) return fallback;
  if (isDealOutcome(value)) return value;
  throw new UserError(`--outcome ${value}: give one of ${DEAL_OUTCOMES.join(', ')}`);
}

/** Windows in whole days, 0 to ten years, without repeats, in the order given. */
export function chosenWindows(
  days: readonly number[] | undefined,
  fallback: readonly number[],
): number[] {
  const list = days === undefined || days.length === 0 ? fallback : days;
  for (const d of list)
    if (!(Number.isInteger(d) && d >= 0 && d <= 3650))
      throw new UserError(`--days ${d}: give whole days from 0 to 3650`);
  return [...new Set(list)];
}
