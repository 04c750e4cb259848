import { DEFAULT_INDUSTRY_BENCHMARKS, type RpcRange } from './benchmark-table.js';
import type { ConversationDefinition, DealOutcome } from './conversion-definitions.js';

/** A parameter given in the config, or `auto`: derived from the warehouse by the metrics stage. */
export type AutoNumber = number | 'auto';

/**
 * Settings of the metrics stage and its reports (the `metrics:` section of the config). Every
 * field has a documented default (DEFAULT_METRICS); the run stores the settings it used in the
 * warehouse, so reports read later use the same ones.
 */
export interface MetricsConfig {
  /** Agent cost of one ticket; auto: mean cost of the tickets agents handled (not deflected). */
  readonly agentCostPerTicket: AutoNumber;
  /** Share of account leads that close; auto: won / closed opportunities. */
  readonly leadCloseRate: AutoNumber;
  /** Value of a won deal; auto: mean amount of won opportunities. */
  readonly averageDealValue: AutoNumber;
  /** Value of a qualified lead of a person on no account (their orders are direct sales). */
  readonly consumerLeadValue: number;
  /** Share of an at-risk customer's value a resolved complaint keeps. */
  readonly retentionSaveRate: number;
  /** Days of order and won-deal revenue before a conversation that make a customer's value. */
  readonly retentionLookbackDays: number;
  /** Conversation channels that count as the chatbot for its KPIs. */
  readonly chatbotChannels: readonly string[];
  /** Defaults of the conversion, funnel, speed-to-lead and send-hour reports. */
  readonly conversion: {
    readonly definition: ConversationDefinition;
    readonly outcome: DealOutcome;
    /** The window of the funnel, speed-to-lead and send-hour reports. */
    readonly windowDays: number;
    /** The timing windows the conversion report compares. */
    readonly timingWindows: readonly number[];
  };
  /** Cohorts with fewer conversations are flagged `small_sample` (still shown). */
  readonly minCohortSize: number;
  /** Confidence level of the Wilson intervals. */
  readonly confidenceLevel: number;
  /** Upper bounds (seconds) of the first-response-time buckets; the last bucket is open. */
  readonly responseBuckets: readonly number[];
  readonly paths: {
    /** Top converting paths listed. */
    readonly top: number;
    /** Touches of each journey the Sankey follows before the conversion node. */
    readonly sankeyDepth: number;
  };
  /** RPC ranges by industry; the defaults are published ranges, overridden per industry. */
  readonly benchmarks: Readonly<Record<string, RpcRange>>;
  /** RPC changes (in currency per conversation) the what-if report prices. */
  readonly whatIfChanges: readonly number[];
}

export const DEFAULT_METRICS: MetricsConfig = {
  agentCostPerTicket: 'auto',
  leadCloseRate: 'auto',
  averageDealValue: 'auto',
  consumerLeadValue: 0,
  retentionSaveRate: 0.1,
  retentionLookbackDays: 365,
  chatbotChannels: ['chat', 'bot'],
  conversion: {
    definition: 'any',
    outcome: 'opportunity_created',
    windowDays: 90,
    timingWindows: [7, 30, 90],
  },
  minCohortSize: 30,
  confidenceLevel: 0.95,
  responseBuckets: [60, 300, 900, 3_600, 86_400],
  paths: { top: 20, sankeyDepth: 5 },
  benchmarks: DEFAULT_INDUSTRY_BENCHMARKS,
  whatIfChanges: [0.5, 1, 2, 5, 10],
};

/** The metrics settings of a config: its `metrics` section, or the defaults when it has none. */
export function metricsConfigOf(config: { readonly metrics?: MetricsConfig }): MetricsConfig {
  return config.metrics ?? DEFAULT_METRICS;
}
