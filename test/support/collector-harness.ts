import { readEventContracts } from '../../src/adapters/contracts/read-event-contracts.js';
import {
  buildCollector,
  type Collector,
  type CollectorLimits,
} from '../../src/adapters/http/build-collector.js';
import type { Config } from '../../src/core/config/config.js';
import type { Engine, Row } from '../../src/engine/engine.js';
import { openEngine } from '../../src/engine/open-engine.js';
import { sql } from '../../src/engine/sql/sql-statement.js';
import { createIngestEnvironment } from '../../src/pipeline/ingest/create-ingest-environment.js';
import type { IngestEnvironment } from '../../src/pipeline/ingest/ingest-environment.js';
import { createWriteKey } from '../../src/pipeline/ingest/write-keys.js';

export interface Harness {
  readonly engine: Engine;
  readonly collector: Collector;
  readonly env: IngestEnvironment;
  readonly key: string;
  close(): Promise<void>;
}

export const DEFAULT_LIMITS: CollectorLimits = {
  maxBodyBytes: 1024 * 1024,
  maxBatchEvents: 1000,
  queueDepth: 64,
};

/** A collector on an in-memory warehouse with one ingest key, for `app.inject`. */
export async function openHarness(
  limits: Partial<CollectorLimits> = {},
  config?: Pick<Config, 'contracts' | 'ingest' | 'privacy'>,
  piiSalt?: string,
): Promise<Harness> {
  const engine = await openEngine({
    kind: 'duckdb',
    path: ':memory:',
    memoryLimit: '1GB',
    threads: 1,
  });
  const env = createIngestEnvironment(config, {
    contracts: readEventContracts(),
    ...(piiSalt ? { piiSalt } : {}),
  });
  const { key } = await createWriteKey(engine, { name: 'test', source: 'web', scopes: ['ingest'] });
  const collector = buildCollector({
    engine,
    env,
    limits: { ...DEFAULT_LIMITS, ...limits },
    logger: false,
  });
  return {
    engine,
    collector,
    env,
    key,
    async close() {
      await collector.close();
      await engine.close();
    },
  };
}

/** Every batch row must reconcile: offered = stored + duplicates + dead_lettered. */
export async function unbalancedBatches(engine: Engine): Promise<Row[]> {
  return engine.query(
    sql(
      'SELECT * FROM ingest_batches WHERE offered <> stored + duplicates + dead_lettered OR updated > stored',
    ),
  );
}

/** The tables ingest writes, each in a total order, for byte-for-byte comparisons. */
export async function ingestSnapshot(engine: Engine): Promise<string> {
  const tables = ['conversation_events', 'source_touchpoints', 'orders', 'accounts', 'record_keys'];
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await engine.query(sql(`SELECT * FROM ${t} ORDER BY ALL`));
    parts.push(`${t}:${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}
