import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { collectorRoutes, type CollectorLimits } from '../../adapters/http/build-collector.js';
import { writeKeyAuth } from '../../adapters/http/write-key-auth.js';
import { DEFAULT_SERVER, type Config, type ServerConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import { CommitQueue } from '../../pipeline/ingest/commit-queue.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import { Serial } from '../../pipeline/ingest/serial.js';
import type { KeyScope } from '../../pipeline/ingest/write-keys.js';
import { VERSION } from '../cli/version.js';
import type { ApiContext } from './api-context.js';
import { DASHBOARD_DIR, dashboardBuilt } from './dashboard-assets.js';
import { errorHandler } from './error-handler.js';
import { requireScope } from './require-scope.js';
import { RunCache } from './run-cache.js';
import { adminRoutes } from './routes/admin-routes.js';
import { eraseRoute } from './routes/erase-route.js';
import { metricsRoute } from './routes/metrics-route.js';
import { overviewRoute } from './routes/overview-route.js';
import { qualityRoute } from './routes/quality-route.js';
import { reportRoutes } from './routes/report-routes.js';
import { rowsRoutes } from './routes/rows-routes.js';
import { ServerMetrics } from './server-metrics.js';

export interface ServerOptions {
  readonly engine: Engine;
  readonly env: IngestEnvironment;
  readonly limits: CollectorLimits;
  /** A pino logger, or false for none. It never receives payloads, headers or identifiers. */
  readonly logger: Logger | false;
  readonly server?: ServerConfig;
  readonly dropPersonalTraits?: boolean;
  /** The run config, for erasure (POST /v1/admin/erase refuses without it). */
  readonly config?: Config;
  readonly piiSalt?: string;
  /** The built dashboard; null serves none (the API alone). */
  readonly dashboardDir?: string | null;
}

export interface Server {
  readonly app: FastifyInstance;
  /** Stops taking requests, then waits for every accepted batch to be committed. */
  close(): Promise<void>;
}

/**
 * The composition root of `convrev serve`: the collector (ingest scope), the read API (read),
 * admin routes (admin), /metrics (read), /health (open), OpenAPI at /openapi.json with a docs
 * page at /docs, and the dashboard at /. The dashboard's files, /docs and /openapi.json carry no
 * data and are open; every route that reads or writes the warehouse needs a key of its scope.
 */
export async function buildServer(options: ServerOptions): Promise<Server> {
  const { engine, limits } = options;
  const config = options.server ?? DEFAULT_SERVER;
  const serial = new Serial();
  const queue = new CommitQueue(engine, serial, { maxInFlight: limits.queueDepth, maxGroup: 64 });
  const ctx: ApiContext = {
    engine,
    serial,
    authenticate: writeKeyAuth(engine, serial),
    reports: new RunCache(engine, serial),
    config: options.config ?? null,
    ...(options.piiSalt ? { piiSalt: options.piiSalt } : {}),
  };
  const base = {
    bodyLimit: limits.maxBodyBytes,
    logController: new LogController({ disableRequestLogging: true }),
    // Unknown parameters are refused (400 naming them), not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  };
  const logger: FastifyBaseLogger | false = options.logger;
  const app: FastifyInstance = logger
    ? Fastify({ ...base, loggerInstance: logger })
    : Fastify({ ...base, logger: false });
  app.setErrorHandler(errorHandler);
  const metrics = new ServerMetrics();
  app.addHook('onResponse', (request, reply, done) => {
    metrics.requests.observe(
      { route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'convrev', version: VERSION, description: 'ingest, reports and operations' },
      components: { securitySchemes: { key: { type: 'http', scheme: 'bearer' } } },
      security: [{ key: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, () => Promise.resolve(app.swagger()));
  if (config.corsOrigins.length)
    await app.register(cors, {
      origin: [...config.corsOrigins],
      methods: ['GET', 'POST', 'DELETE'],
    });

  app.get('/health', { schema: { tags: ['operations'], summary: 'liveness', security: [] } }, () =>
    Promise.resolve({ ok: true, version: VERSION, queue_depth: queue.depth }),
  );
  await app.register((scope, _opts, done) => {
    collectorRoutes(scope, {
      env: options.env,
      limits,
      queue,
      authenticate: ctx.authenticate,
      dropPersonalTraits: options.dropPersonalTraits ?? false,
    });
    done();
  });
  const scoped = (scope: KeyScope, routes: (app: FastifyInstance) => void) =>
    app.register(async (child) => {
      // The rate limit guards the read and admin routes; the collector has its own backpressure.
      if (config.rateLimitMax > 0)
        await child.register(rateLimit, {
          max: config.rateLimitMax,
          timeWindow: config.rateLimitWindowMs,
        });
      // onRequest: a request without the right key learns nothing, not even what it did wrong.
      child.addHook('onRequest', requireScope(ctx, scope));
      routes(child);
    });
  await scoped('read', (child) => {
    reportRoutes(child, ctx);
    overviewRoute(child, ctx);
    rowsRoutes(child, ctx);
    qualityRoute(child, ctx);
    metricsRoute(child, ctx, metrics);
  });
  await scoped('admin', (child) => {
    adminRoutes(child, ctx);
    eraseRoute(child, ctx);
  });

  const dir = options.dashboardDir === undefined ? DASHBOARD_DIR : options.dashboardDir;
  if (dir !== null && dashboardBuilt(dir))
    await app.register(fastifyStatic, { root: dir, prefix: '/', index: 'index.html' });
  else
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><title>convrev</title><p>The dashboard is not built: run <code>npm run build</code>. The API is at <a href="/docs">/docs</a>.</p>',
        ),
    );
  return {
    app,
    async close() {
      await app.close();
      await queue.idle();
    },
  };
}
