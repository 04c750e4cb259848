import { wilsonInterval } from '../../core/metrics/wilson-interval.js';
import type { MetricsConfig } from '../../core/metrics/metrics-config.js';

/**
 * A conversion count as report columns: the rate with its Wilson interval (all undefined when
 * nothing was eligible) and whether the cohort is too small to read — flagged, never hidden.
 */
export function proportionColumns(converted: number, conversations: number, config: MetricsConfig) {
  const p = wilsonInterval(converted, conversations, config.confidenceLevel);
  return {
    conversations,
    converted,
    rate: p.rate,
    rate_low: p.low,
    rate_high: p.high,
    small_sample: conversations < config.minCohortSize,
  };
}
