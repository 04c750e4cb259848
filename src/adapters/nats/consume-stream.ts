import { AckPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { NatsConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import { newBatchId } from '../../pipeline/ingest/batch-ids.js';
import type { IngestBatch } from '../../pipeline/ingest/ingest-batch.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import { addReport, emptyTotals, type IngestTotals } from '../../pipeline/ingest/ingest-totals.js';
import { writeBatches } from '../../pipeline/ingest/write-batches.js';
import { textItem } from '../http/message-item.js';

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
  const nc = await connect({ servers: nats.servers.split(',').map((s) => s.trim()) });
  const totals = emptyTotals();
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams
      .info(nats.stream)
      .catch(() => jsm.streams.add({ name: nats.stream, subjects: [nats.subject] }));
    await jsm.consumers.info(nats.stream, nats.durable).catch(() =>
      jsm.consumers.add(nats.stream, {
        durable_name: nats.durable,
        ack_policy: AckPolicy.Explicit,
        filter_subject: nats.subject,
        ack_wait: ACK_WAIT_NS,
      }),
    );
    const consumer = await jetstream(nc).consumers.get(nats.stream, nats.durable);
    const source = `nats:${nats.stream}`;
    const decoder = new TextDecoder();
    let idleSince = Date.now();
    while (!options.signal?.aborted) {
      if (options.maxMessages !== undefined && totals.offered >= options.maxMessages) break;
      const want = Math.min(options.batchSize, (options.maxMessages ?? Infinity) - totals.offered);
      const messages: JsMsg[] = [];
      for await (const m of await consumer.fetch({ max_messages: want, expires: 1_000 }))
        messages.push(m);
      if (!messages.length) {
        if (options.idleExitMs !== undefined && Date.now() - idleSince >= options.idleExitMs) break;
        continue;
      }
      idleSince = Date.now();
      const receivedAt = Date.now();
      const batch: IngestBatch = {
        batchId: newBatchId(receivedAt),
        source,
        transport: 'nats',
        receivedAt,
        items: messages.map((m) => {
          const messageId = m.headers?.get('Nats-Msg-Id') || undefined;
          return textItem(
            decoder.decode(m.data),
            { receivedAt, sourceName: source, sourceLine: m.seq },
            env,
            messageId ? { messageId } : {},
          );
        }),
      };
      try {
        const { reports } = await engine.transaction(() => writeBatches(engine, [batch]));
        const report = reports[0];
        if (report) addReport(totals, report);
        for (const m of messages) m.ack();
        await nc.flush();
        logger?.info(
          {
            batch_id: batch.batchId,
            offered: report?.offered,
            stored: report?.stored,
            duplicates: report?.duplicates,
            dead_lettered: report?.deadLettered,
          },
          'stream batch committed',
        );
      } catch (error) {
        // Not committed: ask for redelivery rather than lose or ack anything.
        for (const m of messages) m.nak(5_000);
        logger?.error(
          { batch_id: batch.batchId, err: error instanceof Error ? error.message : String(error) },
          'commit failed; messages will be redelivered',
        );
        throw error;
      }
    }
  } finally {
    await nc.drain().catch(() => nc.close());
  }
  return totals;
}
