import type { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { consumeStream } from '../../../adapters/nats/consume-stream.js';
import { DEFAULT_INGEST } from '../../../core/config/config.js';
import { UserError } from '../../../core/errors.js';
import { EXIT } from '../handle-error.js';
import { ingestEnvironmentFor } from '../ingest-context.js';
import {
  addWarehouseOptions,
  engineConfigFor,
  engineOverrides,
  withWarehouse,
  type WarehouseFlags,
} from '../warehouse.js';
import { describe } from './ingest-command.js';

interface ConsumeFlags extends WarehouseFlags {
  maxMessages?: string;
  idleExit?: string;
  batchSize: string;
}

export function registerConsume(program: Command): void {
  addWarehouseOptions(
    program
      .command('consume')
      .description(
        'consume events from a NATS JetStream stream (durable pull consumer; ack after commit)',
      )
      .option(
        '-c, --config <file>',
        'config with ingest.nats (servers, stream, subject, durable) and contracts',
      )
      .option('--batch-size <n>', 'messages per fetch and transaction', '500')
      .option('--max-messages <n>', 'stop after this many messages')
      .option('--idle-exit <seconds>', 'stop after this long without a message'),
  ).action(async (flags: ConsumeFlags) => {
    const count = (text: string | undefined, flag: string): number | undefined => {
      if (text === undefined) return undefined;
      const n = Number(text);
      if (!Number.isFinite(n) || n <= 0)
        throw new UserError(`${flag} ${text}: give a positive number`);
      return n;
    };
    const config = flags.config
      ? await loadConfig(flags.config, { engine: engineOverrides(flags) })
      : undefined;
    const logger = pino(
      { level: process.env.CONVREV_LOG_LEVEL ?? 'info', base: { service: 'convrev-consumer' } },
      pino.destination(2),
    );
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    process.once('SIGTERM', () => stop.abort());
    const maxMessages = count(flags.maxMessages, '--max-messages');
    const idle = count(flags.idleExit, '--idle-exit');
    const totals = await withWarehouse(
      config?.engine ?? (await engineConfigFor(flags)),
      async (engine) =>
        consumeStream({
          engine,
          env: await ingestEnvironmentFor(engine, config),
          nats: (config?.ingest ?? DEFAULT_INGEST).nats,
          batchSize: count(flags.batchSize, '--batch-size') ?? 500,
          ...(maxMessages === undefined ? {} : { maxMessages }),
          ...(idle === undefined ? {} : { idleExitMs: idle * 1000 }),
          signal: stop.signal,
          logger,
          dropPersonalTraits: config?.privacy?.hashPii ?? false,
        }),
    );
    process.stdout.write(`consumed: ${describe(totals)}\n`);
    if (totals.deadLettered > 0) process.exitCode = EXIT.deadLettered;
  });
}
