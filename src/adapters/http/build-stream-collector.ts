import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { isJsonObject } from '../../core/contracts/json-schema.js';
import { newBatchId } from '../../pipeline/ingest/batch-ids.js';
import type { BatchItem } from '../../pipeline/ingest/ingest-batch.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import type { StreamMessage, StreamPublisher } from '../nats/stream-publisher.js';
import type { CollectorLimits } from './build-collector.js';
import { collectorApp, ingestRoutes } from './ingest-routes.js';
import type { Shape } from './request-items.js';
import { streamBatchResponse } from './stream-batch-response.js';
import type { KeyAuth } from './write-key-auth.js';

export interface StreamCollectorOptions {
  readonly env: IngestEnvironment;
  readonly limits: CollectorLimits;
  readonly publisher: StreamPublisher;
  readonly authenticate: KeyAuth;
  /** A pino logger, or false for none. It never receives payloads, headers or identifiers. */
  readonly logger: Logger | false;
  readonly dropPersonalTraits?: boolean;
}

/**
 * A collector that holds no warehouse (`convrev collect`): the same routes, keys, limits and
 * per-record contract checks as the server's collector, but each record — accepted or to be
 * dead-lettered — is published to JetStream, and the 200 is sent only once JetStream has
 * acknowledged storing all of them. Stateless, so several run side by side behind a balancer.
 */
export function buildStreamCollector(options: StreamCollectorOptions): FastifyInstance {
  const { limits, publisher } = options;
  const app = collectorApp(limits, options.logger);
  let inFlight = 0;
  const routes = {
    ...options,
    busy: () => inFlight >= limits.queueDepth,
    rewriteBody: withImpliedType,
  };
  ingestRoutes(app, routes, async ({ key, receivedAt, items, malformed }, request, reply) => {
    const batchId = newBatchId(receivedAt);
    const messages = items.map((item) => streamMessage(item, key.source, receivedAt));
    const tooLarge = messages.findIndex(
      (m) => Buffer.byteLength(m.data, 'utf8') > publisher.maxMessageBytes,
    );
    if (tooLarge >= 0)
      return reply.code(413).send({
        error: 'too_large_for_stream',
        message: `event ${tooLarge} is larger than the ${publisher.maxMessageBytes} bytes a stream message holds; nothing was published`,
      });
    inFlight++;
    try {
      const { duplicates } = await publisher.publish(messages);
      request.log.info(
        {
          batch_id: batchId,
          source: key.source,
          offered: messages.length,
          stream_duplicates: duplicates,
          ms: Date.now() - receivedAt,
        },
        'batch stored in the stream',
      );
      const response = streamBatchResponse(batchId, items, duplicates);
      return reply
        .code(malformed ? 400 : 200)
        .send(malformed ? { error: 'malformed_json', ...response } : response);
    } catch (error) {
      request.log.error(
        { batch_id: batchId, err: error instanceof Error ? error.message : String(error) },
        'stream did not acknowledge the batch',
      );
      return reply.code(503).header('retry-after', '1').send({
        error: 'unavailable',
        message: 'the stream did not confirm storing the batch; retry it as it is (same ids)',
      });
    } finally {
      inFlight--;
    }
  });
  app.get('/health', (_request, reply) =>
    reply
      .code(publisher.connected ? 200 : 503)
      .send({ ok: publisher.connected, in_flight: inFlight }),
  );
  return app;
}

/**
 * A Segment route's body with the type its route implies written in, so the warehouse writer,
 * which reads the message alone, maps it as this route did.
 */
function withImpliedType(text: string, shape: Shape): string {
  if (shape !== 'track' && shape !== 'identify' && shape !== 'alias') return text;
  try {
    const body: unknown = JSON.parse(text);
    return isJsonObject(body) && body.type === undefined
      ? JSON.stringify({ ...body, type: shape })
      : text;
  } catch {
    return text; // dead-lettered as malformed, byte for byte
  }
}

/**
 * A record's stream message: its id is the record's key (event id, else content fingerprint),
 * so a retried request is dropped by JetStream's duplicate window and, past it, by the
 * warehouse's dedupe; a record to be dead-lettered is named by a hash of its source and text.
 */
function streamMessage(item: BatchItem, source: string, receivedAt: number): StreamMessage {
  const data = item.raw();
  const id =
    item.result.status === 'ok'
      ? item.result.value.key
      : `dl_${createHash('sha256').update(`${source}\n${data}`).digest('hex').slice(0, 32)}`;
  return { data, id, source, receivedAt };
}
