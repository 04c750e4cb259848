import type { Engine, Row } from '../../src/engine/engine.js';
import { openEngine } from '../../src/engine/open-engine.js';
import type { MetricSettings } from '../../src/pipeline/metrics/metric-settings.js';
import { readMetricSettings } from '../../src/pipeline/metrics/read-metric-settings.js';
import type { ReportOptions } from '../../src/pipeline/reports/metric-report.js';
import { METRIC_REPORTS } from '../../src/pipeline/reports/metric-reports.js';
import { readReport } from '../../src/pipeline/reports/read-report.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { metricsScenario } from './metrics-scenario.js';

export interface ScenarioReports {
  readonly engine: Engine;
  readonly settings: MetricSettings;
  /** A metric report's rows as `convrev report` reads them: stored, or computed when filtered. */
  report(name: string, options?: ReportOptions): Promise<Row[]>;
}

/** The hand-computed metrics scenario run into a fresh warehouse, with its reports to read. */
export async function scenarioReports(): Promise<ScenarioReports> {
  const { config, open } = metricsScenario();
  const engine = await openEngine(config.engine);
  await runPipeline(engine, config, { open });
  const settings = await readMetricSettings(engine);
  return {
    engine,
    settings,
    report(name, options = {}) {
      const r = METRIC_REPORTS.find((x) => x.name === name);
      if (!r) throw new Error(`no report ${name}`);
      return readReport(engine, r, settings, options);
    },
  };
}
