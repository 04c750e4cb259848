import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/adapters/config/load-config.js';
import { generateDemoData } from '../../src/adapters/demo-data/generate-demo-data.js';
import { openSourceFile } from '../../src/adapters/files/open-source-file.js';
import type { Config, ServerConfig } from '../../src/core/config/config.js';
import { DEFAULT_SERVER } from '../../src/core/config/config.js';
import type { Engine } from '../../src/engine/engine.js';
import { openEngine } from '../../src/engine/open-engine.js';
import { ingestEnvironmentFor } from '../../src/interfaces/cli/ingest-context.js';
import { buildServer, type Server } from '../../src/interfaces/server/build-server.js';
import {
  createWriteKey,
  revokeWriteKey,
  type KeyScope,
} from '../../src/pipeline/ingest/write-keys.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { DEFAULT_LIMITS } from './collector-harness.js';

/** A demo warehouse file on which the whole pipeline has run (closed again). */
export async function demoWarehouse(
  scale = 2_000,
): Promise<{ dir: string; db: string; config: Config }> {
  const dir = await mkdtemp(join(tmpdir(), 'convrev-server-'));
  const db = join(dir, 'w.duckdb');
  const data = await generateDemoData({ scale, seed: 42, outDir: join(dir, 'data') });
  const config = await loadConfig(data.configPath, { engine: { kind: 'duckdb', path: db } });
  const engine = await openEngine(config.engine);
  try {
    await runPipeline(engine, config, { open: openSourceFile, version: 'test' });
  } finally {
    await engine.close();
  }
  return { dir, db, config };
}

export interface ServedWarehouse {
  readonly engine: Engine;
  readonly server: Server;
  /** One key per scope, plus a revoked read key. */
  readonly keys: Readonly<Record<KeyScope | 'revoked', string>>;
  close(): Promise<void>;
}

/** The server on a warehouse: keys of every scope, not yet listening (inject, or listen). */
export async function serveWarehouse(
  config: Config,
  options: {
    server?: Partial<ServerConfig>;
    dashboardDir?: string | null;
    /** Hand the server the run config, as `serve --config` does (erasure needs it). */
    withConfig?: boolean;
  } = {},
): Promise<ServedWarehouse> {
  const engine = await openEngine(config.engine);
  const key = async (scopes: KeyScope[]) =>
    (await createWriteKey(engine, { name: 'test', source: 'web', scopes })).key;
  const revoked = await createWriteKey(engine, { name: 'old', source: 'web', scopes: ['read'] });
  await revokeWriteKey(engine, revoked.keyId);
  const keys = {
    ingest: await key(['ingest']),
    read: await key(['read']),
    admin: await key(['admin']),
    revoked: revoked.key,
  };
  const server = await buildServer({
    engine,
    env: await ingestEnvironmentFor(engine, config),
    limits: DEFAULT_LIMITS,
    logger: false,
    server: { ...DEFAULT_SERVER, rateLimitMax: 0, ...options.server },
    dashboardDir: options.dashboardDir ?? null,
    ...(options.withConfig ? { config } : {}),
  });
  return {
    engine,
    server,
    keys,
    async close() {
      await server.close();
      await engine.close();
    },
  };
}
