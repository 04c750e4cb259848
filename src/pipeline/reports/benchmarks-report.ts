import { DEFAULT_TYPE_BENCHMARKS, rangePosition } from '../../core/metrics/benchmark-table.js';
import { UserError } from '../../core/errors.js';
import type { Row } from '../../engine/engine.js';
import { FILTER_NAMES } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { BENCHMARKS_TABLE } from '../../engine/schema/report-tables.js';
import type { MetricReport } from './metric-report.js';
import { chosenModel } from './report-options.js';
import { rpcTotals, totalsRpc } from './rpc-report.js';
import { allOf, modelIs } from './stored-filters.js';
import type { MetricSettings } from '../metrics/metric-settings.js';

function checkedIndustry(settings: MetricSettings, industry: string | undefined) {
  const names = Object.keys(settings.config.benchmarks).sort();
  if (industry !== undefined && !names.includes(industry))
    throw new UserError(`--industry ${industry}: give one of ${names.join(', ')}`);
  return industry;
}

/**
 * Comprehensive RPC against the benchmark table: per model, the overall RPC placed in each
 * industry's range (low, average, high, top performer), and the RPC of each conversation type
 * against its published average.
 */
export const benchmarksReport: MetricReport = {
  name: 'benchmarks',
  description: 'comprehensive RPC against industry RPC ranges and conversation-type averages',
  table: BENCHMARKS_TABLE,
  options: ['model', 'industry'],
  filters: FILTER_NAMES,
  materialised: true,
  stored(d, settings, options) {
    const model = chosenModel(settings, options.model);
    const industry = checkedIndustry(settings, options.industry);
    const oneIndustry =
      industry === undefined
        ? ''
        : `(scope <> 'industry' OR benchmark = ${d.quoteLiteral(industry)})`;
    return allOf(modelIs(d, model), oneIndustry);
  },
  async compute(engine, settings, options) {
    const table = settings.config.benchmarks;
    const industry = checkedIndustry(settings, options.industry);
    const chosen = industry === undefined ? Object.keys(table).sort() : [industry];
    const model = chosenModel(settings, options.model);
    const totals = await rpcTotals(
      engine,
      ['overall', 'conversation_type'],
      settings.models,
      model,
      options.filter,
    );
    return totals.flatMap((t): Row[] => {
      const rpc = totalsRpc(t);
      if (t.dimension === 'overall')
        return chosen.flatMap((name) => {
          const range = table[name];
          if (!range) return [];
          return [
            {
              model: t.model,
              scope: 'industry',
              benchmark: name,
              rpc,
              rpc_low: range.low,
              rpc_average: range.average,
              rpc_high: range.high,
              rpc_top: range.top,
              position: rpc === null ? null : rangePosition(rpc, range),
              rpc_vs_average: rpc === null ? null : rpc - range.average,
            },
          ];
        });
      const average = t.value === null ? undefined : DEFAULT_TYPE_BENCHMARKS[t.value];
      if (average === undefined) return [];
      return [
        {
          model: t.model,
          scope: 'conversation_type',
          benchmark: t.value,
          rpc,
          rpc_low: null,
          rpc_average: average,
          rpc_high: null,
          rpc_top: null,
          position: rpc === null ? null : rpc < average ? 'below_average' : 'average_or_above',
          rpc_vs_average: rpc === null ? null : rpc - average,
        },
      ];
    });
  },
};
