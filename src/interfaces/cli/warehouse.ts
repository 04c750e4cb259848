import type { Command } from 'commander';
import {
  resolveEngineConfig,
  type EngineOverrides,
} from '../../adapters/config/resolve-engine-config.js';
import { loadConfig } from '../../adapters/config/load-config.js';
import {
  ENGINE_KINDS,
  type Config,
  type EngineConfig,
  type EngineKind,
} from '../../core/config/config.js';
import { describeProblem, UserError, WarehouseLockedError } from '../../core/errors.js';
import type { Engine } from '../../engine/engine.js';
import { openEngine } from '../../engine/open-engine.js';
import { describeDatabaseUrl } from '../../engine/postgres/describe-database-url.js';
import type { KeyScope } from '../../pipeline/ingest/write-keys.js';
import { heldBy, ServerClient } from './server-client.js';
import { liveServerState } from './server-state.js';

/** The flags every command that opens the warehouse takes (see addWarehouseOptions). */
export interface WarehouseFlags {
  readonly db?: string;
  readonly config?: string;
  readonly engine?: string;
  readonly databaseUrl?: string;
  readonly schema?: string;
}

/** Adds the warehouse flags: which engine, and where its database is. */
export function addWarehouseOptions(command: Command): Command {
  return command
    .option(
      '--engine <kind>',
      `warehouse engine: ${ENGINE_KINDS.join('|')} (overrides engine.kind)`,
    )
    .option('--db <path>', 'DuckDB warehouse file (overrides engine.path)')
    .option(
      '--database-url <url>',
      'PostgreSQL URL (implies --engine postgres; overrides engine.url and CONVREV_DATABASE_URL)',
    )
    .option('--schema <name>', 'PostgreSQL schema (overrides engine.schema; default convrev)');
}

/** The engine flags as overrides of the config file; an unknown --engine is a user error. */
export function engineOverrides(flags: WarehouseFlags): EngineOverrides {
  const kind = flags.engine;
  if (kind !== undefined && !(ENGINE_KINDS as readonly string[]).includes(kind))
    throw new UserError(`--engine ${kind}: give one of ${ENGINE_KINDS.join(', ')}`);
  return {
    ...(kind === undefined ? {} : { kind: kind as EngineKind }),
    ...(flags.db === undefined ? {} : { path: flags.db }),
    ...(flags.databaseUrl === undefined ? {} : { url: flags.databaseUrl }),
    ...(flags.schema === undefined ? {} : { schema: flags.schema }),
  };
}

/**
 * The engine settings a command uses: flags win over the config file, which wins over the
 * environment (CONVREV_DATABASE_URL) and the defaults.
 */
export async function engineConfigFor(flags: WarehouseFlags): Promise<EngineConfig> {
  const overrides = engineOverrides(flags);
  if (flags.config) return (await loadConfig(flags.config, { engine: overrides })).engine;
  const resolved = resolveEngineConfig(undefined, process.cwd(), overrides);
  if (!resolved.ok) throw new UserError(resolved.problems.map(describeProblem).join('; '));
  return resolved.engine;
}

/** Where the warehouse is, for people: a file, or a server and schema with no password shown. */
export function describeWarehouse(engine: EngineConfig): string {
  return engine.kind === 'duckdb'
    ? engine.path
    : `${describeDatabaseUrl(engine.url)} (schema ${engine.schema})`;
}

export async function withWarehouse<T>(
  engineConfig: EngineConfig,
  work: (engine: Engine) => Promise<T>,
): Promise<T> {
  const engine = await openEngine(engineConfig);
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

/** A warehouse, and where its server is when the config names one (`server.url`). */
export interface WarehouseTarget {
  readonly engine: EngineConfig;
  readonly serverUrl?: string;
}

export const targetOf = (config: Config): WarehouseTarget => ({
  engine: config.engine,
  ...(config.server?.url === undefined ? {} : { serverUrl: config.server.url }),
});

/** engineConfigFor, with the server the config file names. */
export async function warehouseTargetFor(flags: WarehouseFlags): Promise<WarehouseTarget> {
  if (!flags.config) return { engine: await engineConfigFor(flags) };
  return targetOf(await loadConfig(flags.config, { engine: engineOverrides(flags) }));
}

/**
 * Runs `direct` on the warehouse or, when `convrev serve` holds its DuckDB file, `remote`
 * through the server's API with the key from CONVREV_API_KEY (of `scope`). The file's lock is
 * the test, not the state file alone: a state file left by a killed server changes nothing.
 */
export async function withWarehouseOrServer<T>(
  target: WarehouseTarget,
  scope: KeyScope,
  direct: (engine: Engine) => Promise<T>,
  remote: (server: ServerClient) => Promise<T>,
): Promise<T> {
  const engineConfig = target.engine;
  let engine: Engine;
  try {
    engine = await openEngine(engineConfig);
  } catch (error) {
    if (!(error instanceof WarehouseLockedError)) throw error;
    const state =
      liveServerState(error.path) ??
      (target.serverUrl === undefined
        ? null
        : { pid: error.holderPid ?? 0, url: target.serverUrl, started_at: '', version: '' });
    if (!state) throw error;
    return remote(ServerClient.fromEnvironment(state, scope));
  }
  // The file opened, so no server holds it: a state file left by a killed one goes.
  if (engineConfig.kind === 'duckdb') liveServerState(engineConfig.path);
  try {
    return await direct(engine);
  } finally {
    await engine.close();
  }
}

/**
 * The one line for a command that met a held warehouse file: through which server it could go,
 * or which process to stop.
 */
export function lockedLine(error: WarehouseLockedError): string {
  const state = liveServerState(error.path);
  if (state) return `${heldBy(state)}; this command needs the file itself: stop the server first`;
  return `${error.message}: stop it first`;
}
