import type { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { readEventContracts } from '../../../adapters/contracts/read-event-contracts.js';
import { buildStreamCollector } from '../../../adapters/http/build-stream-collector.js';
import { fileKeyAuth } from '../../../adapters/http/file-key-auth.js';
import { StreamPublisher } from '../../../adapters/nats/stream-publisher.js';
import { DEFAULT_INGEST } from '../../../core/config/config.js';
import { UserError } from '../../../core/errors.js';
import { createIngestEnvironment } from '../../../pipeline/ingest/create-ingest-environment.js';
import { piiSalt } from '../ingest-context.js';

interface CollectFlags {
  config?: string;
  keys: string;
  host: string;
  port: string;
}

export function registerCollect(program: Command): void {
  program
    .command('collect')
    .description(
      'a stateless HTTP collector (POST /v1/events, /v1/batch, Segment /v1/track, /v1/identify, /v1/alias) that publishes to NATS JetStream and answers 200 once it has stored them; it never opens the warehouse (convrev consume writes it)',
    )
    .option('-c, --config <file>', 'config with ingest.nats, ingest limits, contracts and privacy')
    .requiredOption(
      '--keys <file>',
      'write keys as `convrev keys export` writes them (hashes only)',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', '8080')
    .action(async (flags: CollectFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UserError(`--port ${flags.port}: give 0 to 65535`);
      const config = flags.config ? await loadConfig(flags.config) : undefined;
      const ingest = config?.ingest ?? DEFAULT_INGEST;
      const salt = piiSalt();
      // The contracts it checks against are the shipped ones and the config's; the writer also
      // knows older versions registered in the warehouse, and its verdict is the one stored.
      const env = createIngestEnvironment(config, {
        contracts: readEventContracts(),
        ...(salt ? { piiSalt: salt } : {}),
      });
      const logger = pino(
        {
          level: process.env.CONVREV_LOG_LEVEL ?? 'info',
          base: { service: 'convrev-collector' },
          redact: ['req.headers.authorization'],
        },
        pino.destination(2),
      );
      const authenticate = fileKeyAuth(flags.keys, (error) =>
        logger.error(
          { err: error.message },
          'keys file not reloaded; keeping the keys read before',
        ),
      );
      const publisher = await StreamPublisher.open(ingest.nats, logger);
      const app = buildStreamCollector({
        env,
        limits: {
          maxBodyBytes: ingest.maxBodyBytes,
          maxBatchEvents: ingest.maxBatchEvents,
          queueDepth: ingest.queueDepth,
        },
        publisher,
        authenticate,
        logger,
        dropPersonalTraits: config?.privacy?.hashPii ?? false,
      });
      const address = await app.listen({ host: flags.host, port });
      logger.info({ address, stream: ingest.nats.stream }, 'collector listening');
      process.stdout.write(`listening on ${address}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      // Requests in flight get their answer (their publishes are acknowledged) before the exit.
      await app.close();
      await publisher.close();
      logger.info('collector stopped');
    });
}
