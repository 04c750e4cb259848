import type { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { buildCollector } from '../../../adapters/http/build-collector.js';
import { DEFAULT_INGEST } from '../../../core/config/config.js';
import { UserError } from '../../../core/errors.js';
import { openEngine } from '../../../engine/open-engine.js';
import { ingestEnvironmentFor } from '../ingest-context.js';
import {
  addWarehouseOptions,
  describeWarehouse,
  engineConfigFor,
  engineOverrides,
  type WarehouseFlags,
} from '../warehouse.js';

interface ServeFlags extends WarehouseFlags {
  host: string;
  port: string;
}

export function registerServe(program: Command): void {
  addWarehouseOptions(
    program
      .command('serve')
      .description(
        'run the HTTP collector: POST /v1/events, /v1/batch and Segment /v1/track, /v1/identify, /v1/alias',
      )
      .option('-c, --config <file>', 'config with contracts, ingest limits and privacy settings')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--port <port>', 'port (0 picks a free one)', '8080'),
  ).action(async (flags: ServeFlags) => {
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UserError(`--port ${flags.port}: give 0 to 65535`);
    const config = flags.config
      ? await loadConfig(flags.config, { engine: engineOverrides(flags) })
      : undefined;
    const engineConfig = config?.engine ?? (await engineConfigFor(flags));
    const engine = await openEngine(engineConfig);
    const env = await ingestEnvironmentFor(engine, config);
    const ingest = config?.ingest ?? DEFAULT_INGEST;
    // Structured logs on stderr: ids and counts only; payloads, headers and identifiers never.
    const logger = pino(
      {
        level: process.env.CONVREV_LOG_LEVEL ?? 'info',
        base: { service: 'convrev-collector' },
        redact: ['req.headers.authorization'],
      },
      pino.destination(2),
    );
    const collector = buildCollector({
      engine,
      env,
      logger,
      limits: {
        maxBodyBytes: ingest.maxBodyBytes,
        maxBatchEvents: ingest.maxBatchEvents,
        queueDepth: ingest.queueDepth,
      },
      dropPersonalTraits: config?.privacy?.hashPii ?? false,
    });
    const address = await collector.app.listen({ host: flags.host, port });
    logger.info({ address, warehouse: describeWarehouse(engineConfig) }, 'collector listening');
    process.stdout.write(`listening on ${address}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    // Stop taking requests, let accepted batches commit and answer, then close the warehouse.
    await collector.close();
    await engine.close();
    logger.info('collector stopped');
  });
}
