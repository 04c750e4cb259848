import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { writeReportFile } from '../../src/interfaces/cli/export/write-report-file.js';
import { renderRows } from '../../src/interfaces/cli/format/render-rows.js';
import { findReport } from '../../src/interfaces/cli/report-registry.js';
import { readMetricSettings } from '../../src/pipeline/metrics/read-metric-settings.js';
import {
  attributionReport,
  compareAttribution,
} from '../../src/pipeline/reports/attribution-report.js';
import type { ReportOptions } from '../../src/pipeline/reports/metric-report.js';
import { METRIC_REPORTS } from '../../src/pipeline/reports/metric-reports.js';
import { rowDifferences } from '../support/compare-rows.js';
import { crossEngineSuite } from '../support/cross-engine-suite.js';
import { metricsScenario } from '../support/metrics-scenario.js';
import { postgresUrlForTests } from '../support/postgres-test-server.js';

const url = postgresUrlForTests('cross-engine metrics');

/** Options beyond each report's defaults, so every SQL path runs on both engines. */
const VARIANTS: Readonly<Record<string, readonly ReportOptions[]>> = {
  rpc: [
    { filter: { segment: 'SMB' } },
    { by: ['overall', 'channel'], filter: { from: '2026-03-03', to: '2026-03-10' } },
    { filter: { segment: "x' OR '1'='1" } },
  ],
  'rpc-daily': [{ filter: { channel: 'chat', to: '2026-03-20' } }],
  'conversation-economics': [
    { limit: 0 },
    { limit: 0, filter: { conversation_type: 'proactive' } },
  ],
  conversion: [
    { outcome: 'closed_won', days: [7, 30], definition: 'two_way' },
    { outcome: 'qualified_lead', by: ['overall', 'response_time', 'hour_of_day'], days: [1] },
    { outcome: 'order', definition: 'intent_qualified', by: ['overall', 'brand', 'intent'] },
    { by: ['overall', 'persona'], days: [7, 30], filter: { segment: 'SMB' } },
    { filter: { segment: 'no such segment' } },
  ],
  funnel: [
    { by: ['overall', 'persona', 'deal_stage'], definition: 'sales_handled', days: [30] },
    { filter: { segment: 'SMB', from: '2026-03-01' } },
  ],
  'channel-roi': [
    { by: ['day'] },
    { by: ['channel'], model: 'first_touch' },
    { by: ['channel', 'day'], filter: { channel: 'email', to: '2026-03-31' } },
  ],
  'rpc-trend': [{ days: [10] }, { filter: { segment: 'returning' } }],
  'chatbot-conversion': [{ filter: { conversation_type: 'general_support' } }],
  'what-if': [{ filter: { channel: 'chat' } }],
  paths: [
    { limit: 0 },
    { filter: { segment: 'SMB', to: '2026-04-30' } },
    { filter: { channel: 'voice' } },
    { filter: { conversation_type: 'general_support', from: '2026-03-01' } },
  ],
  'path-lengths': [{ filter: { segment: 'SMB' } }],
  'time-to-conversion': [{ filter: { channel: 'chat', from: '2026-03-10' } }],
  sankey: [{ filter: { conversation_type: 'general_support' } }],
  chatbot: [{ filter: { from: '2026-03-04', to: '2026-03-31' } }],
};

async function rowsOf(engine: Engine, name: string, options: ReportOptions) {
  const report = METRIC_REPORTS.find((r) => r.name === name);
  if (!report) throw new Error(`no report ${name}`);
  return report.compute(engine, await readMetricSettings(engine), options);
}

crossEngineSuite(
  'the hand-computed metrics scenario',
  url,
  () => metricsScenario(),
  (pair) => {
    it('on every metric report, at its defaults and with other flags', async () => {
      for (const report of METRIC_REPORTS) {
        for (const options of [{}, ...(VARIANTS[report.name] ?? [])]) {
          const [duck, pg] = await Promise.all([
            rowsOf(pair.current.duck, report.name, options),
            rowsOf(pair.current.pg, report.name, options),
          ]);
          expect(duck.length, report.name).toBeGreaterThan(0);
          expect(rowDifferences(`${report.name} ${JSON.stringify(options)}`, duck, pg)).toEqual([]);
        }
      }
    });

    it('on the attribution report and its comparison, filtered at the level of conversions', async () => {
      const filters = [
        { segment: 'SMB' },
        { channel: 'chat', from: '2026-03-10' },
        { conversation_type: 'general_support', to: '2026-03-31' },
      ];
      for (const filter of filters) {
        const request = { model: 'linear', by: ['channel', 'segment'], filter };
        const comparison = { models: [], by: ['channel'], filter };
        const [duck, pg, duckCompare, pgCompare] = await Promise.all([
          attributionReport(pair.current.duck, request),
          attributionReport(pair.current.pg, request),
          compareAttribution(pair.current.duck, comparison),
          compareAttribution(pair.current.pg, comparison),
        ]);
        const label = JSON.stringify(filter);
        expect(duck.length, label).toBeGreaterThan(0);
        expect(rowDifferences(`attribution ${label}`, duck, pg)).toEqual([]);
        expect(rowDifferences(`compare ${label}`, duckCompare, pgCompare)).toEqual([]);
      }
    });

    it('exports CSV on PostgreSQL from TypeScript, as --format csv prints it, and refuses Parquet', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'convrev-pg-export-'));
      const { pg } = pair.current;
      for (const name of ['funnel', 'conversation-economics']) {
        const file = join(dir, `${name}.csv`);
        const source = await findReport(name).prepare(pg, { format: 'csv', out: file });
        await writeReportFile(pg, source, file);
        const limit = name === 'funnel' ? {} : { limit: '0' };
        const printed = await (
          await findReport(name).prepare(pg, { format: 'csv', ...limit })
        ).rows();
        expect(readFileSync(file, 'utf8').trim()).toBe(renderRows(printed, 'csv'));
      }
      const source = await findReport('rpc').prepare(pg, { format: 'table' });
      await expect(writeReportFile(pg, source, join(dir, 'rpc.parquet'))).rejects.toThrow(
        /cannot write Parquet; give a \.csv file/,
      );
    });
  },
);
