import type { Command } from 'commander';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { UserError } from '../../../core/errors.js';
import { openEngine } from '../../../engine/open-engine.js';
import { serveUntilStopped } from '../../server/serve-until-stopped.js';
import { ingestEnvironmentFor } from '../ingest-context.js';
import { announceServer } from '../server-state.js';
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
        'serve the dashboard (/), the read API (/v1/reports/…, /docs), /metrics and the HTTP collector (POST /v1/events, /v1/batch, Segment /v1/track, /v1/identify, /v1/alias)',
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
    let unannounce = (): void => undefined;
    try {
      await serveUntilStopped(engine, env, config, {
        host: flags.host,
        port,
        onListening: (address) => {
          // Other convrev commands find the server here and go through its API.
          unannounce = announceServer(engineConfig, address);
          process.stderr.write(`warehouse: ${describeWarehouse(engineConfig)}\n`);
          process.stdout.write(`listening on ${address}\n`);
        },
      });
    } finally {
      await engine.close();
      unannounce();
    }
  });
}
