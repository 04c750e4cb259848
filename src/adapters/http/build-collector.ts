import Fastify, {
  type FastifyBaseLogger,
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { Engine } from '../../engine/engine.js';
import { newBatchId } from '../../pipeline/ingest/batch-ids.js';
import { CommitQueue } from '../../pipeline/ingest/commit-queue.js';
import type { IngestBatch } from '../../pipeline/ingest/ingest-batch.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import { Serial } from '../../pipeline/ingest/serial.js';
import { batchResponse } from './batch-response.js';
import { readBody } from './read-body.js';
import { requestItems, type Shape } from './request-items.js';
import { type KeyAuth, writeKeyAuth } from './write-key-auth.js';
import { hasScope } from '../../pipeline/ingest/write-keys.js';

export interface CollectorLimits {
  readonly maxBodyBytes: number;
  readonly maxBatchEvents: number;
  /** Requests waiting for their commit; past it the collector answers 429 with Retry-After. */
  readonly queueDepth: number;
}

export interface CollectorOptions {
  readonly engine: Engine;
  readonly env: IngestEnvironment;
  readonly limits: CollectorLimits;
  /** A pino logger, or false for none. It never receives payloads, headers or identifiers. */
  readonly logger: Logger | false;
  /** Drop names and addresses from stored Segment traits (privacy.hash_pii). */
  readonly dropPersonalTraits?: boolean;
}

export interface Collector {
  readonly app: FastifyInstance;
  readonly queue: CommitQueue;
  /** Stops taking requests, then waits for every accepted batch to be committed. */
  close(): Promise<void>;
}

/**
 * The HTTP collector: POST /v1/events (one event), /v1/batch (many), and Segment's /v1/track,
 * /v1/identify, /v1/alias. Every request needs a write key with the ingest scope. A 200 is sent
 * only after the request's records, dead letters and batch row have committed; the body says
 * per event stored, updated, duplicate or rejected (with reasons). Read routes can be added to
 * `app` by later interfaces.
 */
export function buildCollector(options: CollectorOptions): Collector {
  const { engine, limits } = options;
  const serial = new Serial();
  const queue = new CommitQueue(engine, serial, { maxInFlight: limits.queueDepth, maxGroup: 64 });
  // Fastify's own per-request lines would add nothing to ours (ids and counts, never payloads).
  const base = {
    bodyLimit: limits.maxBodyBytes,
    logController: new LogController({ disableRequestLogging: true }),
  };
  // Typed as Fastify's logger so both branches build the same FastifyInstance type.
  const logger: FastifyBaseLogger | false = options.logger;
  const app: FastifyInstance = logger
    ? Fastify({ ...base, loggerInstance: logger })
    : Fastify({ ...base, logger: false });
  collectorRoutes(app, { ...options, queue, authenticate: writeKeyAuth(engine, serial) });
  app.get('/health', () => Promise.resolve({ ok: true, queue_depth: queue.depth }));
  return {
    app,
    queue,
    async close() {
      await app.close();
      await queue.idle();
    },
  };
}

/** What the collector routes need besides the app they are added to. */
export interface CollectorRouteOptions {
  readonly env: IngestEnvironment;
  readonly limits: CollectorLimits;
  readonly queue: CommitQueue;
  readonly authenticate: KeyAuth;
  readonly dropPersonalTraits?: boolean;
}

/**
 * Adds the ingest routes to `app` (a whole app, or an encapsulated scope of a larger server: the
 * text body parser they install stays within it). Each needs a key with the ingest scope.
 */
export function collectorRoutes(app: FastifyInstance, options: CollectorRouteOptions): void {
  const { env, limits, queue, authenticate } = options;
  app.removeAllContentTypeParsers();
  // Bodies are read as text whatever their content type (curl -d sends a form type): a malformed
  // one is still kept, as a dead letter, byte for byte. Compressed ones are inflated first, the
  // inflated size held to the same limit.
  app.addContentTypeParser('*', (request: FastifyRequest, payload: Readable) =>
    readBody(payload, request.headers, limits.maxBodyBytes),
  );
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
    const receivedAt = Date.now();
    const text = typeof request.body === 'string' ? request.body : '';
    const parsed = requestItems(text, shape, {
      env,
      receivedAt,
      source: key.source,
      maxBatchEvents: limits.maxBatchEvents,
      dropPersonalTraits: options.dropPersonalTraits ?? false,
    });
    if (!parsed.ok) return reply.code(parsed.status).send(parsed.body);
    const { items, malformed } = parsed;
    const batch: IngestBatch = {
      batchId: newBatchId(receivedAt),
      source: key.source,
      transport: 'http',
      receivedAt,
      items,
    };
    const pending = queue.submit(batch);
    if (pending === null) {
      request.log.warn({ queue_depth: queue.depth }, 'queue full, asking the client to retry');
      return reply
        .code(429)
        .header('retry-after', '1')
        .send({ error: 'busy', message: 'too many batches in flight; retry after a second' });
    }
    try {
      const report = await pending;
      request.log.info(
        {
          batch_id: report.batchId,
          source: report.source,
          offered: report.offered,
          stored: report.stored,
          duplicates: report.duplicates,
          dead_lettered: report.deadLettered,
          ms: Date.now() - receivedAt,
        },
        'batch committed',
      );
      const response = batchResponse(report);
      // A body that was not JSON at all is the client's error, kept as a dead letter nonetheless.
      return reply
        .code(malformed ? 400 : 200)
        .send(malformed ? { error: 'malformed_json', ...response } : response);
    } catch (error) {
      request.log.error(
        { batch_id: batch.batchId, err: error instanceof Error ? error.message : String(error) },
        'commit failed',
      );
      return reply.code(503).header('retry-after', '5').send({
        error: 'unavailable',
        message: 'the warehouse did not commit the batch; nothing of it was stored; retry',
      });
    }
  };

  app.post('/v1/events', handle('single'));
  app.post('/v1/batch', handle('batch'));
  app.post('/v1/track', handle('track'));
  app.post('/v1/identify', handle('identify'));
  app.post('/v1/alias', handle('alias'));
}
