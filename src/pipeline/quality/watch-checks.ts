import type { Config } from '../../core/config/config.js';
import type { QualityResult } from '../../core/quality/quality-result.js';
import { qualityConfigOf } from '../../core/quality/quality-config.js';
import type { Engine } from '../../engine/engine.js';
import type { IngestEnvironment } from '../ingest/ingest-environment.js';
import { storedIdentifier } from '../privacy/stored-identifier.js';
import { ingestHealthChecks } from './ingest-health-checks.js';
import { linkageChecks } from './linkage-checks.js';

/**
 * The checks worth making between runs, read-only and stored nowhere: schema violations
 * (dead-letter rate), volume drops, freshness and lag per source — which move as the collector
 * accepts records — and match rates with their drift, as of the last run. For a server's watch.
 */
export async function watchChecks(
  engine: Engine,
  config: Config,
  env: IngestEnvironment,
  now = Date.now(),
): Promise<QualityResult[]> {
  const quality = qualityConfigOf(config);
  if (!quality.enabled) return [];
  const ctx = {
    config: quality,
    lookbackDays: config.attribution.lookbackDays,
    now,
    storedForm: (type: string, value: string) => storedIdentifier(env, type, value),
  };
  return [...(await ingestHealthChecks(engine, ctx)), ...(await linkageChecks(engine, ctx))];
}
