import pino from 'pino';
import type { Config } from '../../core/config/config.js';
import { DEFAULT_INGEST, PII_SALT_ENV } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import { buildServer } from './build-server.js';
import { ensureDashboard } from './dashboard-assets.js';

export interface ListenOptions {
  readonly host: string;
  readonly port: number;
  /** Called once listening, with the address (http://host:port). */
  readonly onListening: (address: string) => void;
}

/**
 * Serves the collector, read API and dashboard on `engine` until SIGINT or SIGTERM, then stops
 * taking requests, lets accepted batches commit and answer, and returns (the caller closes the
 * engine). Builds the dashboard first when a fresh checkout has not.
 */
export async function serveUntilStopped(
  engine: Engine,
  env: IngestEnvironment,
  config: Config | undefined,
  listen: ListenOptions,
): Promise<void> {
  const ingest = config?.ingest ?? DEFAULT_INGEST;
  const salt = process.env[PII_SALT_ENV] || undefined;
  // Structured logs on stderr: ids and counts only; payloads, headers and identifiers never.
  const logger = pino(
    {
      level: process.env.CONVREV_LOG_LEVEL ?? 'info',
      base: { service: 'convrev-server' },
      redact: ['req.headers.authorization'],
    },
    pino.destination(2),
  );
  const built = await ensureDashboard((line) => logger.info(line));
  if (!built) logger.warn('the dashboard is not built (npm run build); serving the API only');
  const server = await buildServer({
    engine,
    env,
    logger,
    limits: {
      maxBodyBytes: ingest.maxBodyBytes,
      maxBatchEvents: ingest.maxBatchEvents,
      queueDepth: ingest.queueDepth,
    },
    ...(config?.server === undefined ? {} : { server: config.server }),
    dropPersonalTraits: config?.privacy?.hashPii ?? false,
    ...(config ? { config } : {}),
    ...(salt ? { piiSalt: salt } : {}),
    operate: true,
  });
  const address = await server.app.listen({ host: listen.host, port: listen.port });
  logger.info({ address, schedule: config?.schedule?.text ?? null }, 'server listening');
  listen.onListening(address);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  logger.info('server stopped');
}
