import type { EngineConfig } from '../core/config/config.js';
import { DuckDBEngine } from './duckdb/duckdb-engine.js';
import type { Engine } from './engine.js';
import { PostgresEngine } from './postgres/postgres-engine.js';
import { migrate } from './schema/migrate.js';

/** Connects to the configured warehouse as it is, without touching its schema. */
export function connectEngine(config: EngineConfig): Promise<Engine> {
  switch (config.kind) {
    case 'duckdb':
      return DuckDBEngine.open(config);
    case 'postgres':
      return PostgresEngine.open(config);
  }
}

/** Opens the configured warehouse with its schema up to date. */
export async function openEngine(config: EngineConfig): Promise<Engine> {
  const engine = await connectEngine(config);
  try {
    await migrate(engine);
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
}
