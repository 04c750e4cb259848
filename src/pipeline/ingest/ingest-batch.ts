import type { DeadLetterReason } from '../../core/ingest/dead-letter-reason.js';
import type { StepResult } from '../../core/ingest/step-result.js';
import type { NormaliseOptions } from './normalise-fields.js';
import type { PreparedRecord } from './prepared-record.js';

/** How a batch reached convrev. */
export type Transport = 'file' | 'http' | 'segment' | 'nats' | 'replay';

/** One record of a batch: what the steps made of it, and its payload as received. */
export interface BatchItem {
  readonly result: StepResult<PreparedRecord>;
  /** The payload text a dead letter keeps (computed only when it is needed). */
  readonly raw: () => string;
  /**
   * How the record's values were normalised (default country, PII hashing), so the erasure
   * check can put any value of its payload in stored form; absent, values are tested unhashed.
   */
  readonly normalise?: NormaliseOptions;
}

/** Records that arrived together and are accounted for together (one ingest_batches row). */
export interface IngestBatch {
  readonly batchId: string;
  readonly source: string;
  readonly transport: Transport;
  readonly receivedAt: number;
  readonly items: readonly BatchItem[];
}

/** What became of one record. */
export type ItemOutcome =
  | { readonly status: 'stored' | 'updated'; readonly key: string }
  | { readonly status: 'duplicate'; readonly key: string }
  | {
      readonly status: 'dead_lettered';
      readonly deadLetterId: string;
      readonly reasons: readonly DeadLetterReason[];
    };

/** A committed batch's accounting: offered = stored + duplicates + deadLettered. */
export interface BatchReport {
  readonly batchId: string;
  readonly source: string;
  readonly transport: Transport;
  readonly offered: number;
  readonly stored: number;
  readonly updated: number;
  readonly duplicates: number;
  readonly deadLettered: number;
  /** Duplicates whose content differs from the record kept (events are immutable). */
  readonly differingDuplicates: number;
  readonly outcomes: readonly ItemOutcome[];
}
