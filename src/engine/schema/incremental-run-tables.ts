import type { ColumnSpec, TableSpec } from './table-spec.js';

/**
 * The last successful load of each file source (migration 14): what the file was (size and
 * SHA-256 of its bytes), under which settings it was read (digest of the source's config, the
 * contract versions and the ingest settings) and how many records it held, so an unchanged file
 * is not read again and an append-only one is read only past what was loaded.
 */
export const SOURCE_FILES: TableSpec = {
  name: 'source_files',
  columns: [
    { name: 'source', type: 'text' },
    { name: 'path', type: 'text' },
    { name: 'settings_digest', type: 'text' },
    { name: 'bytes', type: 'double' },
    { name: 'sha256', type: 'text' },
    { name: 'records', type: 'integer' },
    { name: 'loaded_at', type: 'timestamp' },
  ],
};

/**
 * Columns migration 14 adds (last, so positional readers keep working): `ingest_batches.skipped`
 * marks the row of a file not read again (offered 0); `runs.inputs_digest` is the digest of the
 * inputs and settings a run's results derive from, which the next run compares with.
 */
export const INCREMENTAL_RUN_COLUMNS: readonly { table: string; column: ColumnSpec }[] = [
  { table: 'ingest_batches', column: { name: 'skipped', type: 'boolean' } },
  { table: 'runs', column: { name: 'inputs_digest', type: 'text' } },
];
