import { DEFAULT_IDENTITY, type Config } from '../../core/config/config.js';
import { metricsConfigOf } from '../../core/metrics/metrics-config.js';
import type { Engine } from '../../engine/engine.js';
import type { StageRunner } from '../attribution/attribute-conversions.js';
import { attributeConversions } from '../attribution/attribute-conversions.js';
import { clearRunTables } from '../clear-run-tables.js';
import { stitchIdentities } from '../identity/stitch-identities.js';
import type { IngestEnvironment } from '../ingest/ingest-environment.js';
import { computeMetrics } from '../metrics/compute-metrics.js';
import { qualityStage } from '../quality/quality-stage.js';

const quiet: StageRunner = async (_name, work) => {
  await work();
};

/**
 * Every stage after ingest, as a run makes them (identity, attribution, metrics, quality), from
 * the landing tables as they are now: after an erasure or retention the aggregates are re-derived
 * from what is left. Runs inside the caller's transaction. Keep in step with runPipeline.
 */
export async function recomputeDerived(
  engine: Engine,
  config: Config,
  env: IngestEnvironment,
  runId: string,
  stage: StageRunner = quiet,
): Promise<void> {
  await clearRunTables(engine);
  await stage('identity', async () => {
    const r = await stitchIdentities(engine, config.identity ?? DEFAULT_IDENTITY);
    return { rows: r.persons };
  });
  await attributeConversions(engine, config.attribution, stage);
  await computeMetrics(engine, metricsConfigOf(config), stage);
  await qualityStage(engine, config, { runId, env }, stage);
}
