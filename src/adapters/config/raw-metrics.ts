import type { RpcRange } from '../../core/metrics/benchmark-table.js';
import type {
  ConversationDefinition,
  DealOutcome,
} from '../../core/metrics/conversion-definitions.js';

/** The `metrics:` section as written in the YAML file, once the JSON Schema has accepted it. */
export interface RawMetrics {
  readonly agent_cost_per_ticket?: number | 'auto';
  readonly lead_close_rate?: number | 'auto';
  readonly average_deal_value?: number | 'auto';
  readonly consumer_lead_value?: number;
  readonly retention_save_rate?: number;
  readonly retention_lookback_days?: number;
  readonly chatbot_channels?: readonly string[];
  readonly conversion?: {
    readonly definition?: ConversationDefinition;
    readonly outcome?: DealOutcome;
    readonly window_days?: number;
    readonly timing_windows?: readonly number[];
  };
  readonly min_cohort_size?: number;
  readonly confidence_level?: number;
  readonly response_buckets?: readonly number[];
  readonly paths?: { readonly top?: number; readonly sankey_depth?: number };
  readonly benchmarks?: Readonly<Record<string, RpcRange>>;
  readonly what_if_changes?: readonly number[];
}
