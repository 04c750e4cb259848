import { basicRpc } from '../../core/metrics/rpc-components.js';
import { ratio } from '../../core/metrics/ratio.js';
import { trailingRatios, type DayTotals } from '../../core/metrics/trailing-ratio.js';
import type { Engine, Row } from '../../engine/engine.js';
import {
  FILTER_NAMES,
  type ReportFilter,
} from '../../engine/sql/metrics/conversation-filter-sql.js';
import { RPC_DAILY_TABLE } from '../../engine/schema/report-tables.js';
import { rpcDailySql } from '../../engine/sql/metrics/rpc-sql.js';
import type { MetricReport } from './metric-report.js';
import { chosenModel } from './report-options.js';
import { compareValues, dayText, num } from './row-values.js';
import { modelIs } from './stored-filters.js';

/** One model's conversations and value per day, oldest first. */
export interface DailyRpc {
  readonly model: string;
  readonly days: readonly { day: string; conversations: number; direct: number; total: number }[];
}

export async function dailyRpc(
  engine: Engine,
  model: string | undefined,
  filter?: ReportFilter,
): Promise<DailyRpc[]> {
  const rows = await engine.query(rpcDailySql(engine.dialect, model, filter));
  const byModel = new Map<
    string,
    { day: string; conversations: number; direct: number; total: number }[]
  >();
  for (const r of rows) {
    const m = String(r.model);
    const list = byModel.get(m) ?? [];
    list.push({
      day: dayText(r.day),
      conversations: num(r.conversations),
      direct: num(r.direct_revenue),
      total: num(r.total_value),
    });
    byModel.set(m, list);
  }
  return [...byModel.entries()]
    .sort((a, b) => compareValues(a[0], b[0]))
    .map(([m, days]) => ({ model: m, days: days.sort((a, b) => compareValues(a.day, b.day)) }));
}

const comprehensive = (days: DailyRpc['days']): DayTotals[] =>
  days.map((d) => ({ day: d.day, numerator: d.total, denominator: d.conversations }));

/** The daily RPC series with trailing 30, 60 and 90-day comprehensive RPC. */
export const rpcDailyReport: MetricReport = {
  name: 'rpc-daily',
  description:
    'RPC per conversation day, with trailing 30/60/90-day comprehensive RPC (trailing value over trailing conversations)',
  table: RPC_DAILY_TABLE,
  options: ['model'],
  filters: FILTER_NAMES,
  materialised: true,
  stored: (d, settings, options) => modelIs(d, chosenModel(settings, options.model)),
  async compute(engine, settings, options) {
    const series = await dailyRpc(engine, chosenModel(settings, options.model), options.filter);
    return series.flatMap((s): Row[] => {
      const totals = comprehensive(s.days);
      const [t30, t60, t90] = [30, 60, 90].map((w) => trailingRatios(totals, w));
      return s.days.map((d, i) => ({
        model: s.model,
        day: d.day,
        conversations: d.conversations,
        direct_revenue: d.direct,
        total_value: d.total,
        rpc_basic: basicRpc(d.direct, d.conversations),
        rpc_comprehensive: ratio(d.total, d.conversations),
        rpc_30d: t30?.[i] ?? null,
        rpc_60d: t60?.[i] ?? null,
        rpc_90d: t90?.[i] ?? null,
      }));
    });
  },
};
