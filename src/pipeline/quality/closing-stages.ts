import type { Config } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import type { StageRunner } from '../attribution/attribute-conversions.js';
import { applyRetention } from '../privacy/apply-retention.js';
import type { QualityReport } from './check-quality.js';
import { qualityStage, type QualityStageOptions } from './quality-stage.js';

/**
 * The stages that close a run: the quality checks on what it derived, then, when
 * privacy.retention_days is set, retention of the raw rows (after the aggregates were made, so
 * this run's figures still count them).
 */
export async function closingStages(
  engine: Engine,
  config: Config,
  options: QualityStageOptions,
  stage: StageRunner,
): Promise<QualityReport> {
  const report = await qualityStage(engine, config, options, stage);
  const days = config.privacy?.retentionDays;
  if (days !== undefined)
    await stage('retention', async () => {
      const r = await applyRetention(
        engine,
        days,
        options.now === undefined ? {} : { now: options.now },
      );
      return { rows: r.rowsDeleted, detail: `raw rows older than ${days} days deleted` };
    });
  return report;
}
