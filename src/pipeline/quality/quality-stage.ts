import type { Config } from '../../core/config/config.js';
import type { LabelledPair } from '../../core/quality/linkage-errors.js';
import { qualityConfigOf } from '../../core/quality/quality-config.js';
import type { Engine } from '../../engine/engine.js';
import type { StageRunner } from '../attribution/attribute-conversions.js';
import type { IngestEnvironment } from '../ingest/ingest-environment.js';
import { storedIdentifier } from '../privacy/stored-identifier.js';
import { checkQuality, describeQuality, type QualityReport } from './check-quality.js';

export interface QualityStageOptions {
  readonly runId: string;
  readonly env: IngestEnvironment;
  readonly labelledPairs?: readonly LabelledPair[];
  /** The instant freshness is measured at; now by default. */
  readonly now?: number;
}

/** The quality stage of a run, as one stage of its progress: checks stored under the run id. */
export async function qualityStage(
  engine: Engine,
  config: Config,
  options: QualityStageOptions,
  stage: StageRunner,
): Promise<QualityReport> {
  let report: QualityReport | undefined;
  await stage('quality', async () => {
    report = await checkQuality(engine, options.runId, {
      config: qualityConfigOf(config),
      lookbackDays: config.attribution.lookbackDays,
      now: options.now ?? Date.now(),
      ...(options.labelledPairs ? { labelledPairs: options.labelledPairs } : {}),
      storedForm: (type, value) => storedIdentifier(options.env, type, value),
    });
    return { rows: report.results.length, detail: describeQuality(report) };
  });
  return report as QualityReport;
}
