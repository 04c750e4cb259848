import type { ColumnSpec, TableSpec } from './table-spec.js';

const t = (name: string, columns: Record<string, ColumnSpec['type']>): TableSpec => ({
  name,
  columns: Object.entries(columns).map(([column, type]) => ({ name: column, type })),
});

/** The identity stage's report tables (migration 4); each run rewrites them. */
export const IDENTITY_TABLES: readonly TableSpec[] = [
  /** Every edge the over-merge guards refused, with the reason and the record that showed it. */
  t('merge_audit', {
    left_type: 'text',
    left_value: 'text',
    right_type: 'text',
    right_value: 'text',
    reason: 'text',
    detail: 'text',
    source_record: 'text',
  }),
  /** The cluster-size distribution: how many persons hold `size` identifiers. */
  t('identity_cluster_sizes', { size: 'integer', persons: 'integer' }),
  /** The largest persons, rank 1 first (ties by person id). */
  t('identity_largest_clusters', { rank: 'integer', person_id: 'text', size: 'integer' }),
];
