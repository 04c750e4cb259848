import Fastify, {
  type FastifyBaseLogger,
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { BatchItem } from '../../pipeline/ingest/ingest-batch.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import { hasScope, type WriteKey } from '../../pipeline/ingest/write-keys.js';
import type { CollectorLimits } from './build-collector.js';
import { readBody } from './read-body.js';
import { requestItems, type Shape } from './request-items.js';
import type { KeyAuth } from './write-key-auth.js';

/** One request's records, checked one by one, and the key that sent them. */
export interface IngestRequest {
  readonly key: WriteKey;
  readonly receivedAt: number;
  readonly items: BatchItem[];
  /** The body was not JSON at all: its one item is its dead letter, and the answer is a 400. */
  readonly malformed: boolean;
}

export interface IngestRouteOptions {
  readonly env: IngestEnvironment;
  readonly limits: CollectorLimits;
  readonly authenticate: KeyAuth;
  readonly dropPersonalTraits?: boolean;
  /** True when the collector can take no more now: a 429 before the body is parsed. */
  readonly busy?: () => boolean;
  /** The body as the route received it, rewritten before it is parsed. */
  readonly rewriteBody?: (text: string, shape: Shape) => string;
}

/** Where a collector's checked records go (the warehouse's commit queue, or a stream). */
export type Deliver = (
  request: IngestRequest,
  http: FastifyRequest,
  reply: FastifyReply,
) => Promise<FastifyReply>;

/**
 * The ingest routes every collector serves — POST /v1/events, /v1/batch and Segment's /v1/track,
 * /v1/identify, /v1/alias — with the one body parser, key check and per-record checks; what
 * happens to the records is `deliver`'s. The body parser stays within `app` (a whole app, or an
 * encapsulated scope of a larger server).
 */
export function ingestRoutes(
  app: FastifyInstance,
  options: IngestRouteOptions,
  deliver: Deliver,
): void {
  const { env, limits, authenticate } = options;
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
    if (options.busy?.())
      return reply
        .code(429)
        .header('retry-after', '1')
        .send({ error: 'busy', message: 'too many requests in flight; retry after a second' });
    const receivedAt = Date.now();
    const body = typeof request.body === 'string' ? request.body : '';
    const parsed = requestItems(options.rewriteBody?.(body, shape) ?? body, shape, {
      env,
      receivedAt,
      source: key.source,
      maxBatchEvents: limits.maxBatchEvents,
      dropPersonalTraits: options.dropPersonalTraits ?? false,
    });
    if (!parsed.ok) return reply.code(parsed.status).send(parsed.body);
    return deliver(
      { key, receivedAt, items: parsed.items, malformed: parsed.malformed },
      request,
      reply,
    );
  };
  app.post('/v1/events', handle('single'));
  app.post('/v1/batch', handle('batch'));
  app.post('/v1/track', handle('track'));
  app.post('/v1/identify', handle('identify'));
  app.post('/v1/alias', handle('alias'));
}

/** A Fastify app for a collector: its body limit, and only our own request lines in the log. */
export function collectorApp(limits: CollectorLimits, logger: Logger | false): FastifyInstance {
  const base = {
    bodyLimit: limits.maxBodyBytes,
    logController: new LogController({ disableRequestLogging: true }),
  };
  // Typed as Fastify's logger so both branches build the same FastifyInstance type.
  const typed: FastifyBaseLogger | false = logger;
  return typed ? Fastify({ ...base, loggerInstance: typed }) : Fastify({ ...base, logger: false });
}
