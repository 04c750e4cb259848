import { DEFAULT_ENGINE, type Config, type EngineConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import { openEngine } from '../../engine/open-engine.js';
import { loadConfig } from '../../adapters/config/load-config.js';

export interface WarehouseFlags {
  readonly db?: string;
  readonly config?: string;
}

/** The engine settings a command uses: --db wins over the config file, which wins over defaults. */
export async function engineConfigFor(flags: WarehouseFlags): Promise<EngineConfig> {
  const fromFile: EngineConfig = flags.config
    ? (await loadConfig(flags.config)).engine
    : DEFAULT_ENGINE;
  return flags.db ? { ...fromFile, path: flags.db } : fromFile;
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

export function withDb(config: Config, db: string | undefined): Config {
  return db ? { ...config, engine: { ...config.engine, path: db } } : config;
}
