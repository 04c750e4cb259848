import { DEFAULT_METRICS, type MetricsConfig } from '../../core/metrics/metrics-config.js';
import { UserError } from '../../core/errors.js';
import type { Engine } from '../../engine/engine.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { MODELS_RECORD, SETTINGS_RECORD, type MetricSettings } from './metric-settings.js';

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError(`the warehouse's stored ${what} is not valid JSON: run convrev run again`);
  }
}

/**
 * The settings the last run computed its metrics with, as it stored them in metric_parameters,
 * so that reports read later agree with the tables it wrote. A warehouse whose last run predates
 * the metrics stage has none: the user is told to run again.
 */
export async function readMetricSettings(engine: Engine): Promise<MetricSettings> {
  const rows = await engine.query(sql('SELECT name, value, setting FROM metric_parameters'));
  const byName = new Map(rows.map((r) => [String(r.name), r]));
  const stored = byName.get(SETTINGS_RECORD);
  const models = byName.get(MODELS_RECORD);
  if (!stored || !models)
    throw new UserError(
      'the warehouse has no metrics yet: run convrev run (or convrev demo) first',
    );
  const config = parseJson(String(stored.setting), 'metrics settings');
  const modelList = parseJson(String(models.setting), 'model list');
  const value = (name: string) => Number(byName.get(name)?.value ?? 0);
  return {
    // Settings added after the run was stored take their defaults.
    config: { ...DEFAULT_METRICS, ...(config as Partial<MetricsConfig>) },
    models: Array.isArray(modelList) ? modelList.map(String) : [],
    values: {
      agentCostPerTicket: value('agent_cost_per_ticket'),
      leadCloseRate: value('lead_close_rate'),
      averageDealValue: value('average_deal_value'),
      consumerLeadValue: value('consumer_lead_value'),
      retentionSaveRate: value('retention_save_rate'),
    },
  };
}
