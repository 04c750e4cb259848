import type { ColumnSpec, TableSpec } from './table-spec.js';

const t = (name: string, columns: Record<string, ColumnSpec['type']>): TableSpec => ({
  name,
  columns: Object.entries(columns).map(([column, type]) => ({ name: column, type })),
});

/** The data-driven attribution stage's tables (migration 7); each run rewrites them. */
export const DATA_DRIVEN_TABLES: readonly TableSpec[] = [
  /**
   * Each attributed conversion's raw channel path (`email > chat > chat`), in journey order, and
   * the path's number: its rank among the distinct converting paths in byte order.
   */
  t('conversion_paths', {
    conversion_id: 'text',
    path_id: 'integer',
    path: 'text',
    touch_count: 'integer',
  }),
  /**
   * Per model, the share of each position of each raw converting path that earns one (positions
   * earning nothing have no row); credits join on it.
   */
  t('data_driven_path_credits', {
    model: 'text',
    path_id: 'integer',
    position: 'integer',
    fraction: 'double',
  }),
  /** Per model, the transformed path summary it ran on (converting and non-converting). */
  t('data_driven_paths', {
    model: 'text',
    path: 'text',
    conversions: 'integer',
    non_conversions: 'integer',
    revenue: 'double',
  }),
  /** Per model and channel: removal effects (Markov) and the model's own channel totals. */
  t('data_driven_channels', {
    model: 'text',
    channel: 'text',
    removal_effect: 'double',
    value_removal_effect: 'double',
    conversions: 'double',
    revenue: 'double',
  }),
];
