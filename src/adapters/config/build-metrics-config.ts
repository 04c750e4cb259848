import { rangeProblem } from '../../core/metrics/benchmark-table.js';
import { DEFAULT_METRICS, type MetricsConfig } from '../../core/metrics/metrics-config.js';
import type { Problem } from '../../core/errors.js';
import type { RawMetrics } from './raw-metrics.js';

/** The metrics settings of a checked `metrics:` section, every missing key at its default. */
export function buildMetricsConfig(raw: RawMetrics): MetricsConfig {
  const d = DEFAULT_METRICS;
  const c = raw.conversion ?? {};
  return {
    agentCostPerTicket: raw.agent_cost_per_ticket ?? d.agentCostPerTicket,
    leadCloseRate: raw.lead_close_rate ?? d.leadCloseRate,
    averageDealValue: raw.average_deal_value ?? d.averageDealValue,
    consumerLeadValue: raw.consumer_lead_value ?? d.consumerLeadValue,
    retentionSaveRate: raw.retention_save_rate ?? d.retentionSaveRate,
    retentionLookbackDays: raw.retention_lookback_days ?? d.retentionLookbackDays,
    chatbotChannels: raw.chatbot_channels ?? d.chatbotChannels,
    conversion: {
      definition: c.definition ?? d.conversion.definition,
      outcome: c.outcome ?? d.conversion.outcome,
      windowDays: c.window_days ?? d.conversion.windowDays,
      timingWindows: c.timing_windows ?? d.conversion.timingWindows,
    },
    minCohortSize: raw.min_cohort_size ?? d.minCohortSize,
    confidenceLevel: raw.confidence_level ?? d.confidenceLevel,
    responseBuckets: raw.response_buckets ?? d.responseBuckets,
    paths: {
      top: raw.paths?.top ?? d.paths.top,
      sankeyDepth: raw.paths?.sankey_depth ?? d.paths.sankeyDepth,
    },
    // A configured industry replaces the default of that name; the others stay.
    benchmarks: { ...d.benchmarks, ...raw.benchmarks },
    whatIfChanges: raw.what_if_changes ?? d.whatIfChanges,
  };
}

/** What the JSON Schema cannot say about `metrics:`: each benchmark range must be ordered. */
export function checkMetrics(raw: RawMetrics | undefined): Problem[] {
  return Object.entries(raw?.benchmarks ?? {}).flatMap(([industry, range]) => {
    const problem = rangeProblem(range);
    return problem
      ? [{ code: 'invalid_value', message: `metrics.benchmarks.${industry}: ${problem}` }]
      : [];
  });
}
