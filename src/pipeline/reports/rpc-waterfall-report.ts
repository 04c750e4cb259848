import { rpcWaterfall } from '../../core/metrics/rpc-components.js';
import type { Row } from '../../engine/engine.js';
import { FILTER_NAMES } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { RPC_WATERFALL_TABLE } from '../../engine/schema/report-tables.js';
import type { MetricReport } from './metric-report.js';
import { chosenModel } from './report-options.js';
import { rpcTotals } from './rpc-report.js';
import { modelIs } from './stored-filters.js';

/** The revenue waterfall: each RPC component stacked on the ones before it, per model. */
export const rpcWaterfallReport: MetricReport = {
  name: 'rpc-waterfall',
  description:
    'comprehensive RPC as a waterfall: direct sales, cost savings, lead capture, retention, total',
  table: RPC_WATERFALL_TABLE,
  options: ['model'],
  filters: FILTER_NAMES,
  materialised: true,
  stored: (d, settings, options) => modelIs(d, chosenModel(settings, options.model)),
  async compute(engine, settings, options) {
    const model = chosenModel(settings, options.model);
    const totals = await rpcTotals(engine, ['overall'], settings.models, model, options.filter);
    return totals.flatMap((t): Row[] =>
      rpcWaterfall(t, t.conversations).map((s) => ({
        model: t.model,
        step: s.step,
        component: s.component,
        value: s.value,
        per_conversation: s.perConversation,
        cumulative_per_conversation: s.cumulativePerConversation,
        share: s.share,
      })),
    );
  },
};
