import {
  DATA_DRIVEN_KINDS,
  dataDrivenModelNamed,
  dataDrivenModelOf,
  type DataDrivenKind,
  type DataDrivenModel,
} from '../../core/attribution/data-driven-model.js';
import type { PathTransform } from '../../core/attribution/path-transforms.js';
import type { RawModel, RawModelListEntry } from './raw-attribution.js';

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

/** A data-driven entry: a name (`markov_2`) or the object form. */
export type RawModelEntry = string | RawDataDrivenModel;

type RawModelObject = Exclude<RawModelListEntry, string>;

// Sound: the kinds of rule models and of data-driven ones are disjoint.
function isDataDrivenObject(entry: RawModelObject): entry is RawDataDrivenModel {
  return (DATA_DRIVEN_KINDS as readonly string[]).includes(entry.kind);
}

/**
 * Splits `attribution.models` into the rule models (SQL, built by build-attribution-config) and
 * the data-driven ones: `markov`, `markov_K`, `markov[_K]_value`, `shapley_path`,
 * `shapley_coalition`, or an object entry. The schema has checked every name and field.
 */
export function splitModels(entries: readonly RawModelListEntry[]): {
  rules: RawModel[];
  dataDriven: DataDrivenModel[];
} {
  const rules: RawModel[] = [];
  const dataDriven: DataDrivenModel[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      const named = dataDrivenModelNamed(entry);
      // A name that is no data-driven model is a rule model's kind (the schema checked it).
      if (named) dataDriven.push(named);
      else rules.push(entry as RawModel);
    } else if (!isDataDrivenObject(entry)) rules.push(entry);
    else
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
  return { rules, dataDriven };
}

function transformOf(raw: RawPathTransform): PathTransform {
  return typeof raw === 'string' ? { kind: raw } : raw;
}
