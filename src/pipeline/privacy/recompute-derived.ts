import type { Config } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import { sql } from '../../engine/sql/sql-statement.js';
import type { StageRunner } from '../attribution/attribute-conversions.js';
import { clearRunTables } from '../clear-run-tables.js';
import type { IngestEnvironment } from '../ingest/ingest-environment.js';
import { qualityStage } from '../quality/quality-stage.js';
import { deriveStages } from '../derive-stages.js';

const quiet: StageRunner = async (_name, work) => {
  await work();
};

/**
 * Every stage after ingest, as a run makes them (identity, attribution, metrics, quality), from
 * the landing tables as they are now: after an erasure or retention the aggregates are re-derived
 * from what is left, through the same deriveStages a run uses. Runs inside the caller's
 * transaction.
 */
export async function recomputeDerived(
  engine: Engine,
  config: Config,
  env: IngestEnvironment,
  runId: string,
  stage: StageRunner = quiet,
): Promise<void> {
  await clearRunTables(engine);
  // What was erased is gone from the kept identity graph too: re-stitch it whole, not by diff.
  await engine.execute(sql('DELETE FROM identity_state'));
  await deriveStages(engine, config, stage);
  await qualityStage(engine, config, { runId, env }, stage);
}
