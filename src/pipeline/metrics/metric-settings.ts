import type { ValueParameters } from '../../core/metrics/conversation-value.js';
import type { MetricsConfig } from '../../core/metrics/metrics-config.js';

/**
 * Everything a metric report needs besides the warehouse: the run's metrics config, the models
 * that have credits, and the value parameters with every `auto` resolved to a number.
 */
export interface MetricSettings {
  readonly config: MetricsConfig;
  readonly models: readonly string[];
  readonly values: ValueParameters;
}

/** One row of metric_parameters: a parameter the run used and where its value came from. */
export interface ParameterRecord {
  readonly name: string;
  readonly value: number | null;
  /** The setting as configured: a number, `auto`, or JSON for the settings as a whole. */
  readonly setting: string;
  /** `setting` (as configured), `derived` (auto, from the warehouse), `unavailable` (auto, no data: 0 used). */
  readonly source: 'setting' | 'derived' | 'unavailable';
  readonly description: string;
}

/** Names of the two records that carry the settings as JSON rather than a number. */
export const SETTINGS_RECORD = 'metrics_config';
export const MODELS_RECORD = 'models';
