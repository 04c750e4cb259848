import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { collectorRoutes, type CollectorLimits } from '../../adapters/http/build-collector.js';
import { writeKeyAuth } from '../../adapters/http/write-key-auth.js';
import { PublishError } from '../../adapters/publish/publish-tables.js';
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
import { holdGate } from './hold-gate.js';
import { RunCache } from './run-cache.js';
import { RunCoordinator } from './run-coordinator.js';
import { runFreshness } from './run-freshness.js';
import { RunScheduler } from './run-scheduler.js';
import { RunWatch } from './run-watch.js';
import { runsRoutes } from './routes/runs-routes.js';
import { SwitchGate } from './switch-gate.js';
import { adminRoutes } from './routes/admin-routes.js';
import { cliRoutes } from './routes/cli-routes.js';
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
  /**
   * Run the config's schedule and the watch's timer (serve does; tests that inject requests
   * leave them off and start runs through the API).
   */
  readonly operate?: boolean;
}

export interface Server {
  readonly app: FastifyInstance;
  /** The pipeline runs of this server; null without a config. */
  readonly runs: RunCoordinator | null;
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
  const reports = new RunCache(engine, serial);
  const gate = new SwitchGate();
  // The pipeline gets a connection of its own: its long transaction must not hold up the
  // collector's commits, which go through `serial` on the first one.
  if (options.config?.publish && !engine.dialect.copyToFile)
    throw new PublishError(
      'publish: this warehouse engine cannot write Parquet (publish needs DuckDB); remove publish: from the config',
    );
  const pipeline = options.config ? await engine.connect() : null;
  const runs =
    options.config && pipeline
      ? new RunCoordinator({
          pipeline,
          config: options.config,
          version: VERSION,
          reports,
          gate,
          logger: options.logger,
          ...(options.piiSalt ? { piiSalt: options.piiSalt } : {}),
        })
      : null;
  await runs?.interruptStale();
  const ctx: ApiContext = {
    engine,
    serial,
    authenticate: writeKeyAuth(engine, serial),
    reports,
    runs,
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

  app.get(
    '/health',
    { schema: { tags: ['operations'], summary: 'liveness and freshness', security: [] } },
    async () => {
      const fresh = await runFreshness(engine, serial);
      return {
        ok: true,
        version: VERSION,
        queue_depth: queue.depth,
        run_in_progress: runs?.running ?? null,
        last_successful_run_at: fresh.lastSuccessAt,
        last_successful_run_age_seconds: fresh.lastSuccessAgeSeconds,
        run_lag_seconds: fresh.runLagSeconds,
        run_failures: fresh.runFailures,
      };
    },
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
      if (scope === 'read') holdGate(child, gate);
      routes(child);
    });
  await scoped('read', (child) => {
    reportRoutes(child, ctx);
    overviewRoute(child, ctx);
    rowsRoutes(child, ctx);
    qualityRoute(child, ctx);
    metricsRoute(child, ctx, metrics);
    cliRoutes(child, ctx);
  });
  await scoped('admin', (child) => {
    adminRoutes(child, ctx);
    eraseRoute(child, ctx);
    runsRoutes(child, ctx, runs);
  });
  const scheduler =
    options.operate && runs && options.config?.schedule
      ? new RunScheduler(options.config.schedule, runs, options.logger)
      : null;
  const watch =
    options.operate && options.config
      ? new RunWatch(engine, serial, options.config, options.env, options.logger)
      : null;
  scheduler?.start();
  watch?.start();

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
    runs,
    async close() {
      scheduler?.stop();
      await watch?.stop();
      await app.close();
      await queue.idle();
      // A run in progress finishes (or fails) before its connection closes.
      await runs?.idle();
      await pipeline?.close();
    },
  };
}
