import { REPORT_TABLES } from './report-tables.js';
import type { ColumnSpec, TableSpec } from './table-spec.js';

const t = (name: string, columns: Record<string, ColumnSpec['type']>): TableSpec => ({
  name,
  columns: Object.entries(columns).map(([column, type]) => ({ name: column, type })),
});

/** Per conversation, what the metrics stage knows of it: who, where, what came of it. */
export const CONVERSATION_FACTS = t('conversation_facts', {
  conversation_id: 'text',
  person_id: 'text',
  account_id: 'text',
  started_at: 'timestamp',
  day: 'date',
  hour_of_day: 'integer',
  day_of_week: 'integer',
  channel: 'text',
  conversation_type: 'text',
  flow: 'text',
  agent_id: 'text',
  brand: 'text',
  intent: 'text',
  disposition: 'text',
  two_way: 'boolean',
  sales_handled: 'boolean',
  first_response_seconds: 'double',
  csat: 'double',
  cost: 'double',
  segment: 'text',
  industry: 'text',
  persona: 'text',
  deal_stage: 'text',
  qualified_lead_at: 'timestamp',
  new_lead: 'boolean',
  demo_requested_at: 'timestamp',
  deflected_tickets: 'integer',
  resolved_complaint: 'boolean',
  customer_value: 'double',
});

/**
 * Per conversation and model: revenue credited to it, the estimated value components, cost,
 * profit and ROI (the table of issue #6's "per-conversation economics").
 */
export const CONVERSATION_ECONOMICS = t('conversation_economics', {
  model: 'text',
  conversation_id: 'text',
  started_at: 'timestamp',
  day: 'date',
  hour_of_day: 'integer',
  day_of_week: 'integer',
  channel: 'text',
  conversation_type: 'text',
  flow: 'text',
  agent_id: 'text',
  brand: 'text',
  intent: 'text',
  segment: 'text',
  product_category: 'text',
  direct_revenue: 'double',
  cost_savings: 'double',
  lead_value: 'double',
  retention_value: 'double',
  total_value: 'double',
  pipeline_value: 'double',
  cost: 'double',
  profit: 'double',
  roi_percent: 'double',
});

/** Credited value per model, touch day and touch attributes: the cube channel ROI reads. */
export const CREDIT_DAYS = t('credit_days', {
  model: 'text',
  value_kind: 'text',
  day: 'date',
  touchpoint_type: 'text',
  channel: 'text',
  campaign: 'text',
  credited_conversions: 'double',
  credited_value: 'double',
});

/**
 * Per attributed conversion, its journey as a path of channels (a run of touches on one channel
 * is one step), its length in touches and steps, and the time from its first touch.
 */
export const JOURNEY_PATHS = t('journey_paths', {
  conversion_id: 'text',
  kind: 'text',
  value: 'double',
  path: 'text',
  steps: 'integer',
  touches: 'integer',
  seconds_to_convert: 'double',
});

/** The parameters a metrics run used, each with where it came from (config, derived, default). */
export const METRIC_PARAMETERS = t('metric_parameters', {
  name: 'text',
  value: 'double',
  setting: 'text',
  source: 'text',
  description: 'text',
});

/** Every table the metrics stage rewrites (schema version 2). */
export const METRIC_TABLES: readonly TableSpec[] = [
  CONVERSATION_FACTS,
  CONVERSATION_ECONOMICS,
  CREDIT_DAYS,
  JOURNEY_PATHS,
  METRIC_PARAMETERS,
  ...REPORT_TABLES,
];
