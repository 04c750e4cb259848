import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Engine } from '../../engine/engine.js';
import { newBatchId } from '../../pipeline/ingest/batch-ids.js';
import { CommitQueue } from '../../pipeline/ingest/commit-queue.js';
import type { IngestBatch } from '../../pipeline/ingest/ingest-batch.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import { Serial } from '../../pipeline/ingest/serial.js';
import { batchResponse } from './batch-response.js';
import { collectorApp, ingestRoutes } from './ingest-routes.js';
import { type KeyAuth, writeKeyAuth } from './write-key-auth.js';

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
  const app = collectorApp(limits, options.logger);
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
  const { queue } = options;
  ingestRoutes(app, options, async ({ key, receivedAt, items, malformed }, request, reply) => {
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
  });
}
