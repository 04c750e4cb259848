import type { ValueParameters } from '../../core/metrics/conversation-value.js';
import type { AutoNumber, MetricsConfig } from '../../core/metrics/metrics-config.js';
import { ratio } from '../../core/metrics/ratio.js';
import type { Engine, RowValue } from '../../engine/engine.js';
import {
  creditedModelsSql,
  derivedParametersSql,
} from '../../engine/sql/metrics/derived-parameters-sql.js';
import {
  MODELS_RECORD,
  SETTINGS_RECORD,
  type MetricSettings,
  type ParameterRecord,
} from './metric-settings.js';

const toNumber = (v: RowValue | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

/**
 * Resolves every `auto` parameter from the warehouse (mean agent cost of a handled ticket,
 * won / closed opportunities, mean won amount) and lists each parameter with its source, for
 * metric_parameters. An `auto` with nothing to derive from counts as 0 and says so.
 */
export async function resolveMetricSettings(
  engine: Engine,
  config: MetricsConfig,
): Promise<{ settings: MetricSettings; records: ParameterRecord[] }> {
  const [derived] = await engine.query(derivedParametersSql(engine.dialect));
  const modelRows = await engine.query(creditedModelsSql());
  const models = modelRows.map((r) => String(r.model)).sort();
  const won = toNumber(derived?.won) ?? 0;
  const closed = toNumber(derived?.closed) ?? 0;
  const records: ParameterRecord[] = [];
  const resolve = (
    name: string,
    setting: AutoNumber | number,
    fromData: number | null,
    description: string,
  ): number => {
    const auto = setting === 'auto';
    const value = auto ? (fromData ?? 0) : setting;
    records.push({
      name,
      value,
      setting: String(setting),
      source: !auto ? 'setting' : fromData === null ? 'unavailable' : 'derived',
      description,
    });
    return value;
  };
  const values: ValueParameters = {
    agentCostPerTicket: resolve(
      'agent_cost_per_ticket',
      config.agentCostPerTicket,
      toNumber(derived?.agent_cost),
      'agent cost of one ticket; auto: mean cost of tickets not deflected',
    ),
    leadCloseRate: resolve(
      'lead_close_rate',
      config.leadCloseRate,
      ratio(won, closed),
      `share of account leads that close; auto: won / closed opportunities (${won} / ${closed})`,
    ),
    averageDealValue: resolve(
      'average_deal_value',
      config.averageDealValue,
      toNumber(derived?.deal_value),
      'value of a won deal; auto: mean amount of won opportunities',
    ),
    consumerLeadValue: resolve(
      'consumer_lead_value',
      config.consumerLeadValue,
      null,
      'value of a qualified lead of a person on no account',
    ),
    retentionSaveRate: resolve(
      'retention_save_rate',
      config.retentionSaveRate,
      null,
      "share of an at-risk customer's value a resolved complaint keeps",
    ),
  };
  records.push(
    {
      name: SETTINGS_RECORD,
      value: null,
      setting: JSON.stringify(config),
      source: 'setting',
      description: 'the metrics settings of the run, as JSON',
    },
    {
      name: MODELS_RECORD,
      value: models.length,
      setting: JSON.stringify(models),
      source: 'derived',
      description: 'the attribution models with credits, as JSON',
    },
  );
  return { settings: { config, models, values }, records };
}
