import { createHash } from 'node:crypto';
import Fastify, {
  type FastifyBaseLogger,
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { isJsonObject } from '../../core/contracts/json-schema.js';
import { newBatchId } from '../../pipeline/ingest/batch-ids.js';
import type { BatchItem } from '../../pipeline/ingest/ingest-batch.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import { hasScope } from '../../pipeline/ingest/write-keys.js';
import type { StreamMessage, StreamPublisher } from '../nats/stream-publisher.js';
import type { CollectorLimits } from './build-collector.js';
import { readBody } from './read-body.js';
import { requestItems, type Shape } from './request-items.js';
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
  const { env, limits, publisher, authenticate } = options;
  const base = {
    bodyLimit: limits.maxBodyBytes,
    logController: new LogController({ disableRequestLogging: true }),
  };
  // Typed as Fastify's logger so both branches build the same FastifyInstance type.
  const logger: FastifyBaseLogger | false = options.logger;
  const app: FastifyInstance = logger
    ? Fastify({ ...base, loggerInstance: logger })
    : Fastify({ ...base, logger: false });
  app.removeAllContentTypeParsers();
  // As the warehouse collector reads them: text whatever the type, gzip/deflate inflated within
  // the same limit.
  app.addContentTypeParser('*', (request: FastifyRequest, payload: Readable) =>
    readBody(payload, request.headers, limits.maxBodyBytes),
  );
  let inFlight = 0;

  const handle = (shape: Shape) => async (request: FastifyRequest, reply: FastifyReply) => {
    const key = await authenticate(request);
    if (!key)
      return reply.code(401).send({
        error: 'unauthorized',
        message: 'a valid write key is required (Authorization: Bearer KEY)',
      });
    if (!hasScope(key, 'ingest'))
      return reply
        .code(403)
        .send({ error: 'forbidden', message: 'the key lacks the ingest scope' });
    if (inFlight >= limits.queueDepth)
      return reply
        .code(429)
        .header('retry-after', '1')
        .send({ error: 'busy', message: 'too many requests in flight; retry after a second' });
    const receivedAt = Date.now();
    const text = withImpliedType(typeof request.body === 'string' ? request.body : '', shape);
    const parsed = requestItems(text, shape, {
      env,
      receivedAt,
      source: key.source,
      maxBatchEvents: limits.maxBatchEvents,
      dropPersonalTraits: options.dropPersonalTraits ?? false,
    });
    if (!parsed.ok) return reply.code(parsed.status).send(parsed.body);
    const batchId = newBatchId(receivedAt);
    const messages = parsed.items.map((item) => streamMessage(item, key.source, receivedAt));
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
      const response = streamBatchResponse(batchId, parsed.items, duplicates);
      return reply
        .code(parsed.malformed ? 400 : 200)
        .send(parsed.malformed ? { error: 'malformed_json', ...response } : response);
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
  };

  app.post('/v1/events', handle('single'));
  app.post('/v1/batch', handle('batch'));
  app.post('/v1/track', handle('track'));
  app.post('/v1/identify', handle('identify'));
  app.post('/v1/alias', handle('alias'));
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
