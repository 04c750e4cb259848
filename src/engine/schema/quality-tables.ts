import type { ColumnSpec, TableSpec } from './table-spec.js';

const t = (name: string, columns: Record<string, ColumnSpec['type']>): TableSpec => ({
  name,
  columns: Object.entries(columns).map(([column, type]) => ({ name: column, type })),
});

/**
 * The quality stage's findings, one row per check and subject, kept for every run (runs never
 * clear it: it is the history drift and monitoring read). `measured` and `threshold` are null
 * where nothing could be measured or no threshold is set.
 */
export const QUALITY_RESULTS = t('quality_results', {
  run_id: 'text',
  checked_at: 'timestamp',
  check_name: 'text',
  subject: 'text',
  measured: 'double',
  threshold: 'double',
  status: 'text',
  detail: 'text',
});

/**
 * Identifiers (and conversation ids) of erased persons, as a domain-separated SHA-256 of the
 * stored form: never the value, never the hash the warehouse stores. Ingest refuses any record
 * that carries one.
 */
export const TOMBSTONES = t('tombstones', {
  tombstone_hash: 'text',
  erasure_id: 'text',
  erased_at: 'timestamp',
});

/** Who erased what and when: the identifier's type and tombstone hash, rows removed per table. */
export const ERASURE_AUDIT = t('erasure_audit', {
  erasure_id: 'text',
  requested_by: 'text',
  identifier_type: 'text',
  tombstone_hash: 'text',
  erased_at: 'timestamp',
  rows_deleted: 'integer',
  tables: 'text',
});

/**
 * Added to erasure_audit by migration 11: the persons records linked to the identifiers asked
 * for, as JSON (`[{"person_id", "identifier_types", "erased"}]`), so the log shows who was left.
 */
export const ERASURE_AUDIT_LINKED_COLUMN = { name: 'linked_persons', type: 'text' } as const;

export const QUALITY_TABLES: readonly TableSpec[] = [QUALITY_RESULTS, TOMBSTONES, ERASURE_AUDIT];
