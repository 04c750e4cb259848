import type { Engine } from '../../engine/engine.js';
import type { BatchReport, IngestBatch } from './ingest-batch.js';
import type { Serial } from './serial.js';
import { writeBatches } from './write-batches.js';

interface Waiting {
  readonly batch: IngestBatch;
  readonly resolve: (report: BatchReport) => void;
  readonly reject: (error: unknown) => void;
}

export interface CommitQueueOptions {
  /** Batches accepted and not yet committed; past it `submit` answers null (busy). */
  readonly maxInFlight: number;
  /** Batches committed together in one transaction. */
  readonly maxGroup: number;
}

/**
 * Group commit: batches submitted while a transaction is running wait and then commit together
 * in the next one (each with its own ingest_batches row and outcome), so the cost of a commit is
 * shared by every request that arrived during the previous one. Should a group's transaction
 * fail, its batches are committed one by one, so a batch that cannot commit fails alone. A submitter learns its outcome
 * only once its transaction has committed. Bounded: when full, `submit` refuses at once rather
 * than queue without end.
 */
export class CommitQueue {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private running: Promise<void> | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly serial: Serial,
    private readonly options: CommitQueueOptions,
  ) {}

  /** Batches accepted and not yet answered. */
  get depth(): number {
    return this.inFlight;
  }

  /** The batch's report after its commit, or null when the queue is full (try again later). */
  submit(batch: IngestBatch): Promise<BatchReport> | null {
    if (this.inFlight >= this.options.maxInFlight) return null;
    this.inFlight++;
    const done = new Promise<BatchReport>((resolve, reject) =>
      this.waiting.push({ batch, resolve, reject }),
    ).finally(() => this.inFlight--);
    this.running ??= this.drain();
    return done;
  }

  /** Resolves when every batch submitted so far has been answered. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length) {
        const group = this.waiting.splice(0, this.options.maxGroup);
        try {
          const reports = await this.commit(group);
          group.forEach((w, i) => w.resolve(reports[i] as BatchReport));
        } catch (error) {
          if (group.length === 1) (group[0] as Waiting).reject(error);
          // One batch must not fail its neighbours: each commits alone, and only one that
          // fails on its own is answered with the failure.
          else
            for (const w of group)
              await this.commit([w]).then(([r]) => w.resolve(r as BatchReport), w.reject);
        }
      }
    } finally {
      this.running = null;
    }
  }

  private async commit(group: readonly Waiting[]): Promise<readonly BatchReport[]> {
    const { reports } = await this.serial.run(() =>
      this.engine.transaction(() =>
        writeBatches(
          this.engine,
          group.map((w) => w.batch),
        ),
      ),
    );
    return reports;
  }
}
