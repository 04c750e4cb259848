import { monthlyVolume, rpcImpact } from '../../core/metrics/what-if.js';
import { UserError } from '../../core/errors.js';
import type { Row } from '../../engine/engine.js';
import { FILTER_NAMES } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { WHAT_IF_TABLE } from '../../engine/schema/report-tables.js';
import { conversationSpanSql } from '../../engine/sql/metrics/rpc-sql.js';
import type { MetricReport } from './metric-report.js';
import { chosenModel } from './report-options.js';
import { rpcTotals, totalsRpc } from './rpc-report.js';
import { dayText, num } from './row-values.js';
import { modelIs } from './stored-filters.js';

const DAY_MS = 86_400_000;

/**
 * What an RPC change is worth at the user's conversation volume: per model and change, the new
 * RPC and the added revenue per month and year. The volume is the observed conversations per
 * average month (over the days from the first conversation to the last), unless given.
 */
export const whatIfReport: MetricReport = {
  name: 'what-if',
  description: 'revenue impact of an RPC change at your monthly conversation volume',
  table: WHAT_IF_TABLE,
  options: ['model', 'volume', 'changes'],
  filters: FILTER_NAMES,
  materialised: true,
  stored(d, settings, options) {
    const model = chosenModel(settings, options.model);
    const asStored = options.volume === undefined && options.changes === undefined;
    return asStored ? modelIs(d, model) : null;
  },
  async compute(engine, settings, options) {
    const changes = options.changes ?? settings.config.whatIfChanges;
    for (const c of changes)
      if (!Number.isFinite(c)) throw new UserError(`--change ${c}: give amounts per conversation`);
    if (options.volume !== undefined && !(options.volume >= 0))
      throw new UserError(`--volume ${options.volume}: give conversations per month, 0 or more`);
    const [span] = await engine.query(conversationSpanSql(engine.dialect, options.filter));
    const days =
      span?.first_day && span.last_day
        ? (Date.parse(dayText(span.last_day)) - Date.parse(dayText(span.first_day))) / DAY_MS + 1
        : 0;
    const volume = options.volume ?? monthlyVolume(num(span?.conversations), days);
    const model = chosenModel(settings, options.model);
    const totals = await rpcTotals(engine, ['overall'], settings.models, model, options.filter);
    return totals.flatMap((t) => {
      const current = totalsRpc(t);
      return changes.map((change): Row => {
        const impact = volume === null ? null : rpcImpact(volume, change);
        return {
          model: t.model,
          monthly_conversations: volume,
          current_rpc: current,
          rpc_change: change,
          new_rpc: current === null ? null : current + change,
          additional_monthly_revenue: impact?.monthly ?? null,
          additional_annual_revenue: impact?.annual ?? null,
        };
      });
    });
  },
};
