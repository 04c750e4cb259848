import type { DeadLetterReason } from '../../core/ingest/dead-letter-reason.js';
import type { BatchItem } from '../../pipeline/ingest/ingest-batch.js';

/** What a collector that publishes to JetStream says about one event. */
export interface StreamEventResult {
  readonly index: number;
  /** accepted: stored in the stream, for the warehouse writer; rejected: it will be dead-lettered. */
  readonly status: 'accepted' | 'rejected';
  readonly id?: string;
  readonly reasons?: readonly Omit<DeadLetterReason, 'source'>[];
}

/**
 * The body of a request JetStream has stored: the collector's own verdict per event (the
 * contracts it knows), in request order. Whether an accepted event is new or a duplicate is the
 * warehouse writer's to say; a rejected one is published too and dead-lettered there, so
 * nothing offered is lost.
 */
export function streamBatchResponse(
  batchId: string,
  items: readonly BatchItem[],
  streamDuplicates: number,
) {
  const results: StreamEventResult[] = items.map(({ result }, index) =>
    result.status === 'dead_letter'
      ? { index, status: 'rejected', reasons: stripSource(result.reasons) }
      : { index, status: 'accepted', ...(result.status === 'ok' ? { id: result.value.key } : {}) },
  );
  const accepted = results.filter((r) => r.status === 'accepted').length;
  return {
    batch_id: batchId,
    offered: items.length,
    accepted,
    rejected: items.length - accepted,
    /** Messages JetStream already held (a retry within its duplicate window). */
    stream_duplicates: streamDuplicates,
    results,
  };
}

const stripSource = (reasons: readonly DeadLetterReason[]) =>
  reasons.map(({ source: _source, ...r }) => r);
