import type { ColumnSpec, TableSpec } from './table-spec.js';

const t = (name: string, columns: Record<string, ColumnSpec['type']>): TableSpec => ({
  name,
  columns: Object.entries(columns).map(([column, type]) => ({ name: column, type })),
});

/**
 * One row per record stored in a landing table: its kind and key (id, or content fingerprint
 * for records without one), the fingerprint of its content, the batch that wrote it, when it was
 * received and how far its event time can be trusted (`clock`: corrected, unverified, source,
 * skew_out_of_bounds;
 * `skew_ms`: the correction). Deduplication reads it; landing tables stay as the kinds define them.
 */
export const RECORD_KEYS = t('record_keys', {
  kind: 'text',
  record_key: 'text',
  record_hash: 'text',
  batch_id: 'text',
  received_at: 'timestamp',
  clock: 'text',
  skew_ms: 'double',
});

/** Keys of the group being committed, joined against record_keys in one pass. */
export const INGEST_STAGING = t('ingest_staging', {
  staging_id: 'text',
  kind: 'text',
  record_key: 'text',
});

/** One row per batch: offered = stored + duplicates + dead_lettered (updated ⊆ stored). */
export const INGEST_BATCHES = t('ingest_batches', {
  batch_id: 'text',
  source: 'text',
  transport: 'text',
  received_at: 'timestamp',
  offered: 'integer',
  stored: 'integer',
  updated: 'integer',
  duplicates: 'integer',
  dead_lettered: 'integer',
});

/** Records refused, with the payload as received and the reasons as a JSON array. */
export const DEAD_LETTERS = t('dead_letters', {
  dead_letter_id: 'text',
  batch_id: 'text',
  source: 'text',
  transport: 'text',
  received_at: 'timestamp',
  payload: 'text',
  reasons: 'text',
  replayed_at: 'timestamp',
  replay_batch_id: 'text',
});

/** API keys: only a SHA-256 of each is kept; scopes is a comma-separated list (ingest, read, admin). */
export const WRITE_KEYS = t('write_keys', {
  key_id: 'text',
  key_hash: 'text',
  name: 'text',
  source: 'text',
  scopes: 'text',
  created_at: 'timestamp',
  revoked_at: 'timestamp',
});

/** Every contract version the warehouse has accepted records under, so a change is checked against it. */
export const CONTRACTS = t('contracts', {
  contract_type: 'text',
  version: 'text',
  kind: 'text',
  origin: 'text',
  schema: 'text',
  registered_at: 'timestamp',
});

export const INGEST_TABLES: readonly TableSpec[] = [
  RECORD_KEYS,
  INGEST_STAGING,
  INGEST_BATCHES,
  DEAD_LETTERS,
  WRITE_KEYS,
  CONTRACTS,
];
