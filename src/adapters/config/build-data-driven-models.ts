import { isRuleModel, type RuleModel } from '../../core/attribution/rule-models.js';
import {
  dataDrivenModelNamed,
  dataDrivenModelOf,
  type DataDrivenKind,
  type DataDrivenModel,
} from '../../core/attribution/data-driven-model.js';
import type { PathTransform } from '../../core/attribution/path-transforms.js';
import type { Problem } from '../../core/errors.js';

/** A path transform as the YAML writes it: a bare name, or an object with its parameter. */
export type RawPathTransform =
  | 'unique'
  | 'exposure'
  | 'first'
  | 'frequency'
  | { readonly kind: 'unique' | 'exposure' | 'first' | 'frequency' }
  | { readonly kind: 'remove_if_not_all' | 'remove_if_last_and_not_all'; readonly channel: string }
  | { readonly kind: 'trim_long_path'; readonly steps: number };

/** A data-driven model entry of `attribution.models` in its object form. */
export interface RawDataDrivenModel {
  readonly kind: DataDrivenKind;
  readonly name?: string;
  readonly order?: number;
  readonly measure?: 'conversions' | 'value';
  readonly transforms?: readonly RawPathTransform[];
}

export type RawModelEntry = string | RawDataDrivenModel;

/**
 * Splits `attribution.models` into the rule models (SQL) and the data-driven ones: `markov`,
 * `markov_K`, `markov[_K]_value`, `shapley_path`, `shapley_coalition`, or an object entry. The
 * schema has checked every name and field.
 */
export function splitModels(entries: readonly RawModelEntry[]): {
  models: RuleModel[];
  dataDriven: DataDrivenModel[];
} {
  const models: RuleModel[] = [];
  const dataDriven: DataDrivenModel[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      if (isRuleModel(entry)) models.push(entry);
      const named = dataDrivenModelNamed(entry);
      if (named) dataDriven.push(named);
    } else
      dataDriven.push(
        dataDrivenModelOf({
          kind: entry.kind,
          name: entry.name,
          order: entry.order,
          measure: entry.measure,
          transforms: entry.transforms?.map(transformOf),
        }),
      );
  }
  return { models, dataDriven };
}

/** Two entries that would write credits under one model name. */
export function checkModelNames(entries: readonly RawModelEntry[] | undefined): Problem[] {
  const { models, dataDriven } = splitModels(entries ?? []);
  const seen = new Set<string>(models);
  const problems: Problem[] = [];
  dataDriven.forEach((m) => {
    if (seen.has(m.name))
      problems.push({
        code: 'duplicate_model',
        message: `two models are named ${m.name}: give one a different name`,
        location: { field: 'attribution.models' },
      });
    seen.add(m.name);
  });
  return problems;
}

function transformOf(raw: RawPathTransform): PathTransform {
  return typeof raw === 'string' ? { kind: raw } : raw;
}
