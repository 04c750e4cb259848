import type { Problem } from '../errors.js';
import { attributionProblem } from './attribution-error.js';
import { PATH_TRANSFORM_KINDS, type PathTransform } from './path-transforms.js';

/** The data-driven models: they read path summaries, not single journeys. */
export const DATA_DRIVEN_KINDS = ['markov', 'shapley_path', 'shapley_coalition'] as const;
export type DataDrivenKind = (typeof DATA_DRIVEN_KINDS)[number];

/** Exact coalition Shapley holds a table of 2^channels values: past this it is refused. */
export const MAX_COALITION_CHANNELS = 15;
/** Highest Markov order a model name (`markov_K`) or `order` may ask for. */
export const MAX_MARKOV_ORDER = 9;
/** fractribution's default: consecutive repeats of a channel count once. */
export const DEFAULT_PATH_TRANSFORMS: readonly PathTransform[] = [{ kind: 'exposure' }];

/**
 * A data-driven model as the pipeline runs it. `name` is what the credits table calls it.
 * `measure` picks which Markov removal effect shares out each conversion (both are computed and
 * stored per channel either way); the Shapley models ignore it.
 */
export interface DataDrivenModel {
  readonly name: string;
  readonly kind: DataDrivenKind;
  readonly order: number;
  readonly measure: 'conversions' | 'value';
  readonly transforms: readonly PathTransform[];
}

/** The object form of a config entry (`{kind: markov, order: 2, transforms: [first]}`). */
export interface DataDrivenEntry {
  readonly kind: DataDrivenKind;
  readonly name?: string | undefined;
  readonly order?: number | undefined;
  readonly measure?: 'conversions' | 'value' | undefined;
  readonly transforms?: readonly PathTransform[] | undefined;
}

const MARKOV_NAME = /^markov(?:_([1-9]))?(_value)?$/;

/** Whether a model name of the config is a data-driven one (`markov`, `markov_2`, `shapley_path`…). */
export function isDataDrivenName(name: string): boolean {
  return MARKOV_NAME.test(name) || name === 'shapley_path' || name === 'shapley_coalition';
}

/** The model a bare name stands for, with the default transforms; undefined for other names. */
export function dataDrivenModelNamed(name: string): DataDrivenModel | undefined {
  const m = MARKOV_NAME.exec(name);
  if (m)
    return dataDrivenModelOf({
      kind: 'markov',
      order: Number(m[1] ?? 1),
      measure: m[2] ? 'value' : 'conversions',
    });
  if (name === 'shapley_path' || name === 'shapley_coalition')
    return dataDrivenModelOf({ kind: name });
  return undefined;
}

/**
 * The model of an object entry, defaults filled in. Its default name says what it is:
 * `markov` (order 1), `markov_2`, `markov_2_value`, `shapley_path`, `shapley_coalition`.
 */
export function dataDrivenModelOf(entry: DataDrivenEntry): DataDrivenModel {
  const order = entry.kind === 'markov' ? (entry.order ?? 1) : 1;
  const measure = entry.kind === 'markov' ? (entry.measure ?? 'conversions') : 'conversions';
  const name =
    entry.name ??
    (entry.kind === 'markov'
      ? `markov${order === 1 ? '' : `_${order}`}${measure === 'value' ? '_value' : ''}`
      : entry.kind);
  return {
    name,
    kind: entry.kind,
    order,
    measure,
    transforms: entry.transforms ?? DEFAULT_PATH_TRANSFORMS,
  };
}

/** Everything wrong with a model, as values naming the field. */
export function validateDataDrivenModel(model: DataDrivenModel): Problem[] {
  const problems: Problem[] = [];
  const bad = (field: string, message: string) =>
    problems.push(attributionProblem(`model.${model.name}.${field}`, message, field));
  if (!(Number.isInteger(model.order) && model.order >= 1 && model.order <= MAX_MARKOV_ORDER))
    bad('order', `must be a whole number from 1 to ${MAX_MARKOV_ORDER}, not ${model.order}`);
  for (const t of model.transforms) {
    if (!(PATH_TRANSFORM_KINDS as readonly string[]).includes(t.kind))
      bad('transforms', `unknown path transform ${t.kind}`);
    if (t.kind === 'trim_long_path' && !(Number.isInteger(t.steps) && t.steps > 0))
      bad('transforms', `trim_long_path needs steps, a positive whole number`);
  }
  return problems;
}
