import type { ColumnSpec, TableSpec } from './table-spec.js';

/** The column of every report table holding the row's place in the report's order. */
export const ORDINAL_COLUMN = 'ordinal';

// Tables have no order of their own: the ordinal keeps the report's, for readers and BI tools.
const t = (name: string, columns: Record<string, ColumnSpec['type']>): TableSpec => ({
  name,
  columns: [
    ...Object.entries(columns).map(([column, type]) => ({ name: column, type })),
    { name: ORDINAL_COLUMN, type: 'integer' },
  ],
});

const proportion = {
  conversations: 'integer',
  converted: 'integer',
  rate: 'double',
  rate_low: 'double',
  rate_high: 'double',
  small_sample: 'boolean',
} as const;

/**
 * The tables the metrics stage materialises, one per report, in the column order the report
 * prints, then the ordinal. Each is the report at the run's configured settings; `convrev report
 * NAME` reads it when it answers the flags given and computes the rows afresh when not.
 */
export const RPC_TABLE = t('metric_rpc', {
  model: 'text',
  dimension: 'text',
  dimension_value: 'text',
  conversations: 'integer',
  direct_revenue: 'double',
  cost_savings: 'double',
  lead_value: 'double',
  retention_value: 'double',
  total_value: 'double',
  pipeline_value: 'double',
  cost: 'double',
  rpc_basic: 'double',
  rpc_comprehensive: 'double',
  roi_percent: 'double',
});

export const RPC_DAILY_TABLE = t('metric_rpc_daily', {
  model: 'text',
  day: 'date',
  conversations: 'integer',
  direct_revenue: 'double',
  total_value: 'double',
  rpc_basic: 'double',
  rpc_comprehensive: 'double',
  rpc_30d: 'double',
  rpc_60d: 'double',
  rpc_90d: 'double',
});

export const RPC_TREND_TABLE = t('metric_rpc_trend', {
  model: 'text',
  window_days: 'integer',
  period_start: 'date',
  period_end: 'date',
  conversations: 'integer',
  rpc_basic: 'double',
  rpc_comprehensive: 'double',
  previous_conversations: 'integer',
  previous_rpc_basic: 'double',
  previous_rpc_comprehensive: 'double',
  rpc_change: 'double',
  change_rate: 'double',
});

export const RPC_WATERFALL_TABLE = t('metric_rpc_waterfall', {
  model: 'text',
  step: 'integer',
  component: 'text',
  value: 'double',
  per_conversation: 'double',
  cumulative_per_conversation: 'double',
  share: 'double',
});

export const CONVERSION_TABLE = t('metric_conversion', {
  definition: 'text',
  outcome: 'text',
  window_days: 'integer',
  dimension: 'text',
  dimension_value: 'text',
  ...proportion,
});

export const FUNNEL_TABLE = t('metric_funnel', {
  definition: 'text',
  window_days: 'integer',
  dimension: 'text',
  dimension_value: 'text',
  step: 'integer',
  step_name: 'text',
  reached: 'integer',
  step_rate: 'double',
  overall_rate: 'double',
  drop_off: 'integer',
  drop_rate: 'double',
});

export const SPEED_TO_LEAD_TABLE = t('metric_speed_to_lead', {
  definition: 'text',
  outcome: 'text',
  window_days: 'integer',
  response_time: 'text',
  min_seconds: 'double',
  max_seconds: 'double',
  ...proportion,
});

export const SEND_HOUR_TABLE = t('metric_send_hour', {
  definition: 'text',
  outcome: 'text',
  window_days: 'integer',
  hour: 'integer',
  ...proportion,
});

export const CHANNEL_ROI_TABLE = t('metric_channel_roi', {
  model: 'text',
  value_kind: 'text',
  channel: 'text',
  campaign: 'text',
  spend: 'double',
  attributed_revenue: 'double',
  credited_conversions: 'double',
  roas: 'double',
  roi_percent: 'double',
});

export const CHATBOT_KPIS_TABLE = t('metric_chatbot_kpis', {
  model: 'text',
  chatbot_conversations: 'integer',
  attributed_revenue: 'double',
  rpc: 'double',
  leads_captured: 'integer',
  lead_capture_value: 'double',
  tickets: 'integer',
  deflected_tickets: 'integer',
  deflection_rate: 'double',
  ticket_agent_cost: 'double',
  cost_savings: 'double',
  people_rated_with_chatbot: 'integer',
  people_rated_without_chatbot: 'integer',
  csat_with_chatbot: 'double',
  csat_without_chatbot: 'double',
  csat_lift: 'double',
});

export const CHATBOT_CONVERSION_TABLE = t('metric_chatbot_conversion', {
  model: 'text',
  dimension: 'text',
  dimension_value: 'text',
  ...proportion,
  attributed_revenue: 'double',
  rpc: 'double',
});

export const TOP_PATHS_TABLE = t('metric_top_paths', {
  rank: 'integer',
  path: 'text',
  steps: 'integer',
  conversions: 'integer',
  value: 'double',
  conversion_share: 'double',
  avg_days_to_convert: 'double',
});

export const PATH_LENGTHS_TABLE = t('metric_path_lengths', {
  touches: 'integer',
  conversions: 'integer',
  value: 'double',
  conversion_share: 'double',
  cumulative_share: 'double',
});

export const TIME_TO_CONVERSION_TABLE = t('metric_time_to_conversion', {
  bucket: 'text',
  min_days: 'double',
  max_days: 'double',
  conversions: 'integer',
  value: 'double',
  conversion_share: 'double',
  cumulative_share: 'double',
});

export const SANKEY_TABLE = t('metric_sankey_edges', {
  step: 'integer',
  source: 'text',
  target: 'text',
  journeys: 'integer',
  value: 'double',
});

export const BENCHMARKS_TABLE = t('metric_benchmarks', {
  model: 'text',
  scope: 'text',
  benchmark: 'text',
  rpc: 'double',
  rpc_low: 'double',
  rpc_average: 'double',
  rpc_high: 'double',
  rpc_top: 'double',
  position: 'text',
  rpc_vs_average: 'double',
});

export const WHAT_IF_TABLE = t('metric_what_if', {
  model: 'text',
  monthly_conversations: 'double',
  current_rpc: 'double',
  rpc_change: 'double',
  new_rpc: 'double',
  additional_monthly_revenue: 'double',
  additional_annual_revenue: 'double',
});

export const REPORT_TABLES: readonly TableSpec[] = [
  RPC_TABLE,
  RPC_DAILY_TABLE,
  RPC_TREND_TABLE,
  RPC_WATERFALL_TABLE,
  CONVERSION_TABLE,
  FUNNEL_TABLE,
  SPEED_TO_LEAD_TABLE,
  SEND_HOUR_TABLE,
  CHANNEL_ROI_TABLE,
  CHATBOT_KPIS_TABLE,
  CHATBOT_CONVERSION_TABLE,
  TOP_PATHS_TABLE,
  PATH_LENGTHS_TABLE,
  TIME_TO_CONVERSION_TABLE,
  SANKEY_TABLE,
  BENCHMARKS_TABLE,
  WHAT_IF_TABLE,
];
