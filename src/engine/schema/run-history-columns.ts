import type { ColumnSpec } from './table-spec.js';

/**
 * Columns migration 12 adds to `runs`, for runs the server makes: what started the run
 * (`schedule`, `api`, `cli`), why it failed, and the newest `received_at` of the events its
 * snapshot held (what a completed run has processed, against which freshness lag is measured).
 * A run's row is written `running` as it starts and finalized `succeeded`, `failed` or, found
 * unfinished at the next start, `interrupted`.
 */
export const RUN_HISTORY_COLUMNS: readonly ColumnSpec[] = [
  { name: 'triggered_by', type: 'text' },
  { name: 'error', type: 'text' },
  { name: 'events_watermark', type: 'timestamp' },
];
