import type { AttributionModel } from '../../core/attribution/attribution-model.js';
import {
  DEFAULT_CONVERSATION_TIERS,
  MINUTE_MS,
  type ConversationTiers,
} from '../../core/attribution/conversation-revenue-tiers.js';
import {
  OUTCOME_DEFAULTS,
  shortFormDefinition,
  type ConversionDefinition,
  type EligibleTouches,
} from '../../core/attribution/conversion-definition.js';
import { validateDataDrivenModel } from '../../core/attribution/data-driven-model.js';
import { validateModelSpec, type ModelSpec } from '../../core/attribution/model-spec.js';
import { DEFAULT_ATTRIBUTION, type AttributionConfig } from '../../core/config/config.js';
import type { Problem } from '../../core/errors.js';
import { splitModels } from './build-data-driven-models.js';
import type { RawAttribution, RawConversion, RawModel } from './raw-attribution.js';

/**
 * The attribution settings of a checked `attribution:` section: short forms expanded, defaults
 * filled in. `checkAttribution` has refused what the schema cannot (duplicate names, a custom
 * outcome without its event type, a value field the outcome lacks, parameters out of range).
 */
export function buildAttributionConfig(raw: RawAttribution = {}): AttributionConfig {
  const lookbackDays = raw.lookback_days ?? DEFAULT_ATTRIBUTION.lookbackDays;
  const split = raw.models ? splitModels(raw.models) : undefined;
  return {
    lookbackDays,
    models: split?.rules.map(buildModel) ?? DEFAULT_ATTRIBUTION.models,
    ...(split && split.dataDriven.length > 0 ? { dataDriven: split.dataDriven } : {}),
    conversions:
      raw.conversions?.map((c) => buildConversion(c, lookbackDays)) ??
      DEFAULT_ATTRIBUTION.conversions.map((c) => ({ ...c, lookbackDays })),
  };
}

function buildModel(raw: RawModel): AttributionModel {
  if (typeof raw === 'string') return { name: raw, spec: { kind: raw } };
  const base = {
    ...(raw.weights
      ? {
          multipliers: {
            ...(raw.weights.event_type ? { byEventType: { ...raw.weights.event_type } } : {}),
            ...(raw.weights.touchpoint_type
              ? { byTouchType: { ...raw.weights.touchpoint_type } }
              : {}),
          },
        }
      : {}),
    ...(raw.conversation_tiers ? { tiers: buildTiers(raw.conversation_tiers) } : {}),
  };
  const opt = <K extends string>(key: K, v: number | readonly string[] | undefined) =>
    v === undefined ? {} : ({ [key]: v } as Record<K, typeof v>);
  let spec: ModelSpec;
  switch (raw.kind) {
    case 'time_decay':
      spec = { kind: raw.kind, ...base, ...opt('halfLifeDays', raw.half_life_days) };
      break;
    case 'position_based':
      spec = {
        kind: raw.kind,
        ...base,
        ...opt('firstShare', raw.first_share),
        ...opt('lastShare', raw.last_share),
      };
      break;
    case 'w_shaped':
      spec = {
        kind: raw.kind,
        ...base,
        ...opt('milestoneShare', raw.milestone_share),
      };
      break;
    case 'last_non_direct':
      spec = {
        kind: raw.kind,
        ...base,
        ...opt('directChannels', raw.direct_channels),
      };
      break;
    default:
      spec = { kind: raw.kind, ...base };
  }
  return { name: raw.name ?? raw.kind, spec };
}

function buildTiers(raw: Exclude<Extract<RawModel, object>['conversation_tiers'], undefined>) {
  if (raw === true || raw === false) return DEFAULT_CONVERSATION_TIERS;
  const tiers: ConversationTiers = {
    duringSession: raw.during_session ?? DEFAULT_CONVERSATION_TIERS.duringSession,
    afterEnd:
      raw.after_end?.map((t) => ({ withinMs: t.within_minutes * MINUTE_MS, share: t.share })) ??
      DEFAULT_CONVERSATION_TIERS.afterEnd,
  };
  return tiers;
}

function buildConversion(raw: RawConversion, lookbackDays: number): ConversionDefinition {
  if (typeof raw === 'string') return shortFormDefinition(raw, lookbackDays);
  const defaults = OUTCOME_DEFAULTS[raw.outcome];
  const field = defaults.valueFields[0];
  const e = raw.eligible ?? {};
  const eligible: EligibleTouches = {
    ...(e.touchpoint_types ? { touchpointTypes: [...e.touchpoint_types] } : {}),
    ...(e.channels ? { channels: [...e.channels] } : {}),
    ...(e.exclude_channels ? { excludeChannels: [...e.exclude_channels] } : {}),
    ...(e.event_types ? { eventTypes: [...e.event_types] } : {}),
    ...(e.two_way === undefined ? {} : { twoWay: e.two_way }),
    ...(e.sales_handled === undefined ? {} : { salesHandled: e.sales_handled }),
  };
  return {
    name: raw.name ?? (raw.outcome === 'custom' ? (raw.event_type ?? 'custom') : raw.outcome),
    outcome: raw.outcome,
    ...(raw.event_type === undefined ? {} : { eventType: raw.event_type }),
    value:
      typeof raw.value === 'number'
        ? { constant: raw.value }
        : typeof raw.value === 'string'
          ? { field: raw.value }
          : field === undefined || raw.outcome === 'custom'
            ? { constant: 0 }
            : { field },
    valueKind: raw.value_kind ?? defaults.valueKind,
    level: raw.level ?? defaults.level,
    lookbackDays: raw.lookback_days ?? lookbackDays,
    cycle: raw.cycle ?? 'all_in_window',
    eligible,
  };
}

/** What the JSON Schema cannot say about `attribution:`; each problem names its path. */
export function checkAttribution(raw: RawAttribution | undefined): Problem[] {
  if (!raw) return [];
  const problems: Problem[] = [];
  const bad = (path: string, message: string) =>
    problems.push({ code: 'invalid_value', message: `attribution.${path}: ${message}` });
  const names = new Map<string, number>();
  (raw.models ?? []).forEach((m, i) => {
    const split = splitModels([m]);
    const model = split.dataDriven[0] ?? buildModel(split.rules[0]!);
    const seen = names.get(model.name);
    if (seen !== undefined)
      bad(
        `models[${i}]`,
        `model name '${model.name}' is already used by models[${seen}]; give it a name`,
      );
    names.set(model.name, i);
    const found = 'spec' in model ? validateModelSpec(model.spec) : validateDataDrivenModel(model);
    for (const p of found)
      bad(`models[${i}]`, `${snake(p.location?.field ?? '')} ${p.message}`.trim());
  });
  const definitions = new Map<string, number>();
  (raw.conversions ?? []).forEach((c, i) => {
    const at = `conversions[${i}]`;
    const def = buildConversion(c, raw.lookback_days ?? DEFAULT_ATTRIBUTION.lookbackDays);
    const seen = definitions.get(def.name);
    if (seen !== undefined)
      bad(
        at,
        `definition name '${def.name}' is already used by conversions[${seen}]; give it a name`,
      );
    definitions.set(def.name, i);
    if (typeof c === 'string') return;
    if (c.outcome === 'custom' && c.event_type === undefined)
      bad(at, 'a custom outcome needs an event_type (the conversation event that is the outcome)');
    if (c.outcome !== 'custom' && c.event_type !== undefined)
      bad(`${at}.event_type`, `only a custom outcome takes an event type, not ${c.outcome}`);
    const fields = OUTCOME_DEFAULTS[c.outcome].valueFields;
    if (typeof c.value === 'string' && !fields.includes(c.value))
      bad(
        `${at}.value`,
        `${c.outcome} has no value field '${c.value}' (${fields.length ? `fields: ${fields.join(', ')}; ` : ''}or give a number)`,
      );
  });
  return problems;
}

const snake = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
