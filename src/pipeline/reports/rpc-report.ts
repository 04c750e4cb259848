import { basicRpc, comprehensiveRpc } from '../../core/metrics/rpc-components.js';
import { roiPercent } from '../../core/metrics/return-on-spend.js';
import type { Engine, Row } from '../../engine/engine.js';
import {
  CONVERSION_FILTER_NAMES,
  FILTER_NAMES,
  type ReportFilter,
} from '../../engine/sql/metrics/conversation-filter-sql.js';
import { RPC_TABLE } from '../../engine/schema/report-tables.js';
import {
  RPC_DIMENSIONS,
  rpcTotalsSql,
  type RpcDimension,
} from '../../engine/sql/metrics/rpc-sql.js';
import type { MetricSettings } from '../metrics/metric-settings.js';
import type { MetricReport, ReportOptions } from './metric-report.js';
import { chosenDimensions, chosenModel } from './report-options.js';
import { compareValues, num, textOrNull } from './row-values.js';
import { allOf, inStoredOrder, modelIs, oneOf } from './stored-filters.js';

export const RPC_DIMENSION_NAMES = Object.keys(RPC_DIMENSIONS) as RpcDimension[];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The component sums of one group, as rpcTotalsSql returns them. */
export interface RpcTotals {
  readonly model: string;
  readonly dimension: string;
  readonly value: string | null;
  readonly conversations: number;
  readonly direct_sales: number;
  readonly cost_savings: number;
  readonly lead_capture: number;
  readonly retention: number;
  readonly total: number;
  /** Pipeline credited to the conversations: reported beside the total, never in it. */
  readonly pipeline: number;
  readonly cost: number;
}

/**
 * Conversations and value components per model and dimension value, in dimension order. Every
 * model gets its overall row even without a conversation, so its RPC reads as undefined rather
 * than going missing.
 */
export async function rpcTotals(
  engine: Engine,
  dims: readonly RpcDimension[],
  models: readonly string[],
  model: string | undefined,
  filter?: ReportFilter,
): Promise<RpcTotals[]> {
  const rows = await engine.query(rpcTotalsSql(engine.dialect, dims, model, filter));
  const rank = (d: string) => dims.indexOf(d as RpcDimension);
  const totals: RpcTotals[] = rows.map((r) => ({
    model: String(r.model),
    dimension: String(r.dimension),
    value: textOrNull(r.dimension_value),
    conversations: num(r.conversations),
    direct_sales: num(r.direct_revenue),
    cost_savings: num(r.cost_savings),
    lead_capture: num(r.lead_value),
    retention: num(r.retention_value),
    total: num(r.total_value),
    pipeline: num(r.pipeline_value),
    cost: num(r.cost),
  }));
  if (dims.includes('overall')) {
    for (const m of model === undefined ? models : [model]) {
      if (!totals.some((t) => t.model === m && t.dimension === 'overall'))
        totals.push({ model: m, dimension: 'overall', value: null, ...EMPTY });
    }
  }
  return totals.sort(
    (a, b) =>
      compareValues(a.model, b.model) ||
      rank(a.dimension) - rank(b.dimension) ||
      compareValues(a.value, b.value),
  );
}

const EMPTY = {
  conversations: 0,
  direct_sales: 0,
  cost_savings: 0,
  lead_capture: 0,
  retention: 0,
  total: 0,
  pipeline: 0,
  cost: 0,
} as const;

/** Comprehensive RPC of one group's totals; undefined without conversations. */
export function totalsRpc(t: RpcTotals): number | null {
  return comprehensiveRpc(t, t.conversations);
}

/** A day of week as its name: ISO numbering, Monday is 1. */
function label(dimension: string, value: string | null): string | null {
  if (dimension === 'day_of_week' && value !== null) return WEEKDAYS[Number(value) - 1] ?? value;
  return value;
}

export const rpcReport: MetricReport = {
  name: 'rpc',
  description:
    'revenue per conversation, basic (attributed revenue) and comprehensive (+ savings, leads, retention), pipeline apart, ROI %, by model and dimension; --outcome/--value-kind: direct value of those conversions',
  table: RPC_TABLE,
  options: ['model', 'by'],
  filters: [...FILTER_NAMES, ...CONVERSION_FILTER_NAMES],
  cliDefaults: { by: ['overall'] },
  materialised: true,
  stored(d, settings, options) {
    const model = chosenModel(settings, options.model);
    const dims = chosenDimensions(options.by, RPC_DIMENSION_NAMES, RPC_DIMENSION_NAMES);
    if (!inStoredOrder(dims, RPC_DIMENSION_NAMES)) return null;
    return allOf(modelIs(d, model), oneOf(d, 'dimension', dims, RPC_DIMENSION_NAMES));
  },
  async compute(engine: Engine, settings: MetricSettings, options: ReportOptions): Promise<Row[]> {
    const model = chosenModel(settings, options.model);
    const dims = chosenDimensions(options.by, RPC_DIMENSION_NAMES, RPC_DIMENSION_NAMES);
    const totals = await rpcTotals(engine, dims, settings.models, model, options.filter);
    return totals.map((t) => ({
      model: t.model,
      dimension: t.dimension,
      dimension_value: label(t.dimension, t.value),
      conversations: t.conversations,
      direct_revenue: t.direct_sales,
      cost_savings: t.cost_savings,
      lead_value: t.lead_capture,
      retention_value: t.retention,
      total_value: t.total,
      pipeline_value: t.pipeline,
      cost: t.cost,
      rpc_basic: basicRpc(t.direct_sales, t.conversations),
      rpc_comprehensive: totalsRpc(t),
      roi_percent: roiPercent(t.total, t.cost),
    }));
  },
};
