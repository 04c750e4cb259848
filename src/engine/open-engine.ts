import type { EngineConfig } from '../core/config/config.js';
import { DuckDBEngine } from './duckdb/duckdb-engine.js';
import type { Engine } from './engine.js';
import { migrate } from './schema/migrate.js';

/** Opens the configured warehouse with its schema up to date. */
export async function openEngine(config: EngineConfig): Promise<Engine> {
  const engine = await DuckDBEngine.open(config);
  try {
    await migrate(engine);
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
}
