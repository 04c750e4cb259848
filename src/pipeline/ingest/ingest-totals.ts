import type { BatchReport } from './ingest-batch.js';

/** Counts over several batches (a file, a run, a replay). */
export interface IngestTotals {
  offered: number;
  stored: number;
  updated: number;
  duplicates: number;
  deadLettered: number;
  differingDuplicates: number;
  batches: number;
}

export const emptyTotals = (): IngestTotals => ({
  offered: 0,
  stored: 0,
  updated: 0,
  duplicates: 0,
  deadLettered: 0,
  differingDuplicates: 0,
  batches: 0,
});

export function addReport(totals: IngestTotals, r: BatchReport): IngestTotals {
  totals.offered += r.offered;
  totals.stored += r.stored;
  totals.updated += r.updated;
  totals.duplicates += r.duplicates;
  totals.deadLettered += r.deadLettered;
  totals.differingDuplicates += r.differingDuplicates;
  totals.batches += 1;
  return totals;
}
