import type { ColumnSpec, TableSpec } from './table-spec.js';

const t = (name: string, columns: Record<string, ColumnSpec['type']>): TableSpec => ({
  name,
  columns: Object.entries(columns).map(([column, type]) => ({ name: column, type })),
});

/** Columns migration 6 adds to tables of migration 1 (added last, so positional readers keep working). */
export const ATTRIBUTION_COLUMNS: readonly { table: string; column: ColumnSpec }[] = [
  { table: 'conversions', column: { name: 'definition', type: 'text' } },
  { table: 'journeys', column: { name: 'link', type: 'text' } },
  { table: 'journeys', column: { name: 'lead_milestone', type: 'boolean' } },
  { table: 'journeys', column: { name: 'opportunity_milestone', type: 'boolean' } },
  { table: 'runs', column: { name: 'recomputed_journeys', type: 'integer' } },
];

/** Columns migration 13 adds: each conversion's value kind, and each definition's. */
export const VALUE_KIND_COLUMNS: readonly { table: string; column: ColumnSpec }[] = [
  { table: 'conversions', column: { name: 'value_kind', type: 'text' } },
  { table: 'conversion_definitions', column: { name: 'value_kind', type: 'text' } },
];

/**
 * Tables migration 13 recreates in their current shape (a value kind per row, ROI in percent).
 * Every run empties and rewrites them, so nothing is lost; a fresh warehouse, which migrations 1
 * and 2 already built in this shape, gets the same tables again.
 */
export const VALUE_KIND_TABLES: readonly string[] = [
  'attribution_summary',
  'channel_attribution',
  'credit_days',
  'conversation_economics',
  'metric_rpc',
  'metric_channel_roi',
];

/** The attribution stage's own tables (migration 6). */
export const ATTRIBUTION_TABLES: readonly TableSpec[] = [
  /** The conversion definitions of the last run, for explain (filters as JSON). */
  t('conversion_definitions', {
    name: 'text',
    outcome: 'text',
    event_type: 'text',
    level: 'text',
    value: 'text',
    lookback_days: 'integer',
    cycle: 'text',
    eligible: 'text',
  }),
  /** The rule-based models of the last run, each spec as JSON. */
  t('attribution_models', { name: 'text', kind: 'text', spec: 'text' }),
  /**
   * A digest of everything a person's or account's journeys depend on, as of the last run; a key
   * whose digest changed has its journeys recomputed. `settings` rows hold the config digest.
   */
  t('attribution_fingerprints', { key_type: 'text', key_value: 'text', fingerprint: 'text' }),
  /**
   * Scratch of a run: the digests of this run's inputs, compared with attribution_fingerprints
   * (empty after a run whose settings changed: nothing was compared).
   */
  t('attribution_digests', { key_type: 'text', key_value: 'text', fingerprint: 'text' }),
  /** Scratch of a run: the conversions whose journeys and credits it recomputes. */
  t('attribution_recompute', { conversion_id: 'text' }),
];
