import type { DeadLetterReason } from '../../core/ingest/dead-letter-reason.js';
import type { BatchReport } from '../../pipeline/ingest/ingest-batch.js';

/** What the collector says about one event. */
export interface EventResult {
  readonly index: number;
  readonly status: 'stored' | 'updated' | 'duplicate' | 'rejected';
  readonly id?: string;
  readonly dead_letter_id?: string;
  readonly reasons?: readonly Omit<DeadLetterReason, 'source'>[];
}

/** The body of a committed batch: its accounting and one result per event, in request order. */
export function batchResponse(report: BatchReport) {
  const results: EventResult[] = report.outcomes.map((o, index) =>
    o.status === 'dead_lettered'
      ? {
          index,
          status: 'rejected',
          dead_letter_id: o.deadLetterId,
          reasons: o.reasons.map(({ source: _source, ...r }) => r),
        }
      : { index, status: o.status, id: o.key },
  );
  return {
    batch_id: report.batchId,
    offered: report.offered,
    stored: report.stored,
    updated: report.updated,
    duplicates: report.duplicates,
    dead_lettered: report.deadLettered,
    results,
  };
}
