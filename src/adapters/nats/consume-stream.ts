import { AckPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { NatsConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import type { BatchReport, IngestBatch } from '../../pipeline/ingest/ingest-batch.js';
import { deadLetter } from '../../core/ingest/step-result.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import { addReport, emptyTotals, type IngestTotals } from '../../pipeline/ingest/ingest-totals.js';
import { writeBatches } from '../../pipeline/ingest/write-batches.js';
import { messageBatches } from './message-batches.js';
import { connectNats, ensureStream } from './stream-connection.js';

export interface ConsumeOptions {
  readonly engine: Engine;
  readonly env: IngestEnvironment;
  readonly nats: NatsConfig;
  /** Messages fetched and committed together. */
  readonly batchSize: number;
  /** Stop once this many messages have been handled (tests, one-off drains). */
  readonly maxMessages?: number;
  /** Stop after this long without a message; by default run until `signal` aborts. */
  readonly idleExitMs?: number;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  /** Drop names and addresses from Segment traits (privacy.hash_pii), as the collector does. */
  readonly dropPersonalTraits?: boolean;
}

const ACK_WAIT_NS = 30_000_000_000;

/**
 * A durable pull consumer on a JetStream stream (created with its subject when missing). Each
 * fetched batch goes through the ingest path in one transaction; only after the commit are its
 * messages acknowledged, so a crash between the two redelivers them and deduplication (the
 * event id, else the Nats-Msg-Id header, else the content) keeps them from counting twice.
 * Poison messages — not JSON, or refused by their contract — are dead-lettered, then acked.
 */
export async function consumeStream(options: ConsumeOptions): Promise<IngestTotals> {
  const { engine, env, nats, logger } = options;
  const nc = await connectNats(nats, 'convrev-consumer');
  const totals = emptyTotals();
  try {
    await ensureStream(nc, nats, logger);
    const jsm = await jetstreamManager(nc);
    await jsm.consumers.info(nats.stream, nats.durable).catch(() =>
      jsm.consumers.add(nats.stream, {
        durable_name: nats.durable,
        ack_policy: AckPolicy.Explicit,
        filter_subject: nats.subject,
        ack_wait: ACK_WAIT_NS,
      }),
    );
    const consumer = await jetstream(nc).consumers.get(nats.stream, nats.durable);
    const fallbackSource = `nats:${nats.stream}`;
    let idleSince = Date.now();
    while (!options.signal?.aborted) {
      if (options.maxMessages !== undefined && totals.offered >= options.maxMessages) break;
      const want = Math.min(options.batchSize, (options.maxMessages ?? Infinity) - totals.offered);
      const messages: JsMsg[] = [];
      try {
        for await (const m of await consumer.fetch({ max_messages: want, expires: 1_000 }))
          messages.push(m);
      } catch (error) {
        // A lost node or a consumer leader election: what was fetched is kept (or redelivered
        // after ack_wait), and the next fetch goes to whichever server the connection reached.
        logger?.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'fetch failed; retrying',
        );
        await new Promise((r) => setTimeout(r, 250));
      }
      if (!messages.length) {
        if (options.idleExitMs !== undefined && Date.now() - idleSince >= options.idleExitMs) break;
        continue;
      }
      idleSince = Date.now();
      const batches = messageBatches(messages, fallbackSource, env, options.dropPersonalTraits);
      const reports: BatchReport[] = [];
      try {
        for (const batch of batches) reports.push(...(await commitSettling(engine, batch)));
      } catch (error) {
        // Not committed: ask for redelivery rather than lose or ack anything.
        for (const m of messages) m.nak(5_000);
        logger?.error(
          {
            batch_ids: batches.map((b) => b.batchId),
            err: error instanceof Error ? error.message : String(error),
          },
          'commit failed; messages will be redelivered',
        );
        throw error;
      }
      for (const report of reports) {
        addReport(totals, report);
        logger?.info(
          {
            batch_id: report.batchId,
            source: report.source,
            offered: report.offered,
            stored: report.stored,
            duplicates: report.duplicates,
            dead_lettered: report.deadLettered,
          },
          'stream batch committed',
        );
      }
      // Only now: a crash before this line redelivers the messages, and dedupe absorbs them.
      for (const m of messages) m.ack();
      await nc
        .flush()
        .catch((error: unknown) =>
          logger?.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'acks not confirmed; those messages come again and count as duplicates',
          ),
        );
    }
  } finally {
    await nc.drain().catch(() => nc.close());
  }
  return totals;
}

/**
 * Commits a fetched batch. Should its transaction fail, each message is tried alone, and one
 * that cannot be stored even alone is dead-lettered with its text, so a poison message is
 * settled (and acknowledged) instead of being redelivered for ever. Only when even that fails —
 * the warehouse itself is down — does the error reach the caller.
 */
async function commitSettling(engine: Engine, batch: IngestBatch): Promise<BatchReport[]> {
  const commit = async (b: IngestBatch) =>
    (await engine.transaction(() => writeBatches(engine, [b]))).reports[0] as BatchReport;
  try {
    return [await commit(batch)];
  } catch (error) {
    if (batch.items.length === 1 && batch.items[0]?.result.status === 'dead_letter') throw error;
  }
  const reports: BatchReport[] = [];
  for (const [i, item] of batch.items.entries()) {
    const alone = { ...batch, batchId: `${batch.batchId}_${i}`, items: [item] };
    try {
      reports.push(await commit(alone));
    } catch {
      const reason = {
        code: 'malformed_record' as const,
        message: 'the record could not be stored; kept here to be replayed',
      };
      reports.push(
        await commit({ ...alone, items: [{ result: deadLetter([reason]), raw: item.raw }] }),
      );
    }
  }
  return reports;
}
