import { ratio } from '../../core/metrics/ratio.js';
import { daysBefore, totalsBetween } from '../../core/metrics/trailing-ratio.js';
import type { Row } from '../../engine/engine.js';
import { FILTER_NAMES } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { RPC_TREND_TABLE } from '../../engine/schema/report-tables.js';
import type { MetricReport } from './metric-report.js';
import { chosenModel, chosenWindows } from './report-options.js';
import { dailyRpc } from './rpc-daily-report.js';
import { allOf, inStoredOrder, modelIs, oneOf } from './stored-filters.js';

const TREND_WINDOWS: readonly number[] = [30, 60, 90];

/**
 * RPC over the last N days of data (ending on the last conversation day) against the N days
 * before: the 30/60/90-day trend. The change is of comprehensive RPC; its rate is relative to
 * the previous period, undefined when that had no RPC or an RPC of 0.
 */
export const rpcTrendReport: MetricReport = {
  name: 'rpc-trend',
  description: 'RPC over the last 30/60/90 days against the period before, with the change',
  table: RPC_TREND_TABLE,
  options: ['model', 'days'],
  filters: FILTER_NAMES,
  materialised: true,
  stored(d, settings, options) {
    const model = chosenModel(settings, options.model);
    const windows = chosenWindows(options.days, TREND_WINDOWS).filter((w) => w > 0);
    if (!inStoredOrder(windows, TREND_WINDOWS)) return null;
    return allOf(modelIs(d, model), oneOf(d, 'window_days', windows, TREND_WINDOWS));
  },
  async compute(engine, settings, options) {
    const windows = chosenWindows(options.days, TREND_WINDOWS).filter((w) => w > 0);
    const series = await dailyRpc(engine, chosenModel(settings, options.model), options.filter);
    return series.flatMap((s): Row[] => {
      const end = s.days[s.days.length - 1]?.day;
      if (end === undefined) return [];
      const sum = (from: string, to: string) => ({
        direct: totalsBetween(
          s.days.map((d) => ({ day: d.day, numerator: d.direct, denominator: d.conversations })),
          from,
          to,
        ),
        total: totalsBetween(
          s.days.map((d) => ({ day: d.day, numerator: d.total, denominator: d.conversations })),
          from,
          to,
        ),
      });
      return windows.map((w) => {
        const start = daysBefore(end, w - 1);
        const now = sum(start, end);
        const before = sum(daysBefore(end, 2 * w - 1), daysBefore(end, w));
        const rpc = ratio(now.total.numerator, now.total.denominator);
        const previous = ratio(before.total.numerator, before.total.denominator);
        const change = rpc === null || previous === null ? null : rpc - previous;
        return {
          model: s.model,
          window_days: w,
          period_start: start,
          period_end: end,
          conversations: now.total.denominator,
          rpc_basic: ratio(now.direct.numerator, now.direct.denominator),
          rpc_comprehensive: rpc,
          previous_conversations: before.total.denominator,
          previous_rpc_basic: ratio(before.direct.numerator, before.direct.denominator),
          previous_rpc_comprehensive: previous,
          rpc_change: change,
          change_rate: change === null ? null : ratio(change, previous),
        };
      });
    });
  },
};
