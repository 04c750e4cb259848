import type { MetricsConfig } from '../../core/metrics/metrics-config.js';
import type { Engine } from '../../engine/engine.js';
import { METRIC_TABLES } from '../../engine/schema/metric-tables.js';
import { ORDINAL_COLUMN } from '../../engine/schema/report-tables.js';
import { buildConversationFactsSql } from '../../engine/sql/metrics/conversation-facts-sql.js';
import {
  buildConversationEconomicsSql,
  buildCreditDaysSql,
} from '../../engine/sql/metrics/conversation-economics-sql.js';
import { buildJourneyPathsSql } from '../../engine/sql/metrics/journey-paths-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import type { StageRunner } from '../attribution/attribute-conversions.js';
import { refreshStatistics } from '../refresh-statistics.js';
import { METRIC_REPORTS } from '../reports/metric-reports.js';
import { loadRows } from './load-rows.js';
import type { MetricSettings } from './metric-settings.js';
import { resolveMetricSettings } from './resolve-metric-settings.js';

async function count(engine: Engine, table: string): Promise<number> {
  await refreshStatistics(engine, [table]);
  const [row] = await engine.query(
    sql(`SELECT COUNT(*) AS n FROM ${engine.dialect.quoteIdentifier(table)}`),
  );
  return Number(row?.n ?? 0);
}

/**
 * The metrics stage: resolves the value parameters, derives per-conversation facts and
 * economics, the credit cube and journey paths in SQL, then writes every report at the run's
 * settings into its table. It rewrites only its own tables, inside the run's transaction.
 */
export async function computeMetrics(
  engine: Engine,
  config: MetricsConfig,
  stage: StageRunner,
): Promise<MetricSettings> {
  const d = engine.dialect;
  let resolved: MetricSettings | undefined;
  await stage('metric parameters', async () => {
    for (const table of METRIC_TABLES)
      await engine.execute(sql(`DELETE FROM ${d.quoteIdentifier(table.name)}`));
    const { settings, records } = await resolveMetricSettings(engine, config);
    resolved = settings;
    const rows = records.map((r) => [r.name, r.value, r.setting, r.source, r.description]);
    return {
      rows: await engine.append('metric_parameters', rows),
      detail: settings.models.join(', '),
    };
  });
  const settings = resolved;
  if (!settings) throw new Error('metric parameters were not resolved');
  await stage('conversation facts', async () => {
    await engine.execute(buildConversationFactsSql(d, config.retentionLookbackDays));
    return { rows: await count(engine, 'conversation_facts') };
  });
  await stage('economics', async () => {
    await engine.execute(buildConversationEconomicsSql(d, settings.models, settings.values));
    await engine.execute(buildCreditDaysSql(d));
    await refreshStatistics(engine, ['credit_days']);
    return {
      rows: await count(engine, 'conversation_economics'),
      detail: 'per conversation and model',
    };
  });
  await stage('journey paths', async () => {
    await engine.execute(buildJourneyPathsSql(d));
    return { rows: await count(engine, 'journey_paths') };
  });
  await stage('metric reports', async () => {
    let rows = 0;
    for (const report of METRIC_REPORTS) {
      if (!report.materialised) continue;
      const computed = await report.compute(engine, settings, {});
      const ordered = computed.map((row, i) => ({ ...row, [ORDINAL_COLUMN]: i + 1 }));
      rows += await engine.append(report.table.name, loadRows(report.table, ordered));
    }
    return { rows, detail: `${METRIC_REPORTS.filter((r) => r.materialised).length} tables` };
  });
  return settings;
}
