import type { ModelSpec } from './model-spec.js';

/**
 * A model as configured: its name (the `model` of its credits; the kind unless the config names
 * it, so one kind may run with several parameter sets) and its spec.
 */
export interface AttributionModel {
  readonly name: string;
  readonly spec: ModelSpec;
}

/** The model of a kind at its default parameters, named after the kind. */
export function defaultModel(kind: ModelSpec['kind']): AttributionModel {
  return { name: kind, spec: { kind } };
}
