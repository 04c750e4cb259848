import { roas, roiPercent } from '../../core/metrics/return-on-spend.js';
import type { Row } from '../../engine/engine.js';
import { CHANNEL_ROI_TABLE } from '../../engine/schema/report-tables.js';
import {
  channelRoiSql,
  ROI_DIMENSIONS,
  ROI_FILTERS,
  type RoiDimension,
} from '../../engine/sql/metrics/channel-roi-sql.js';
import type { MetricReport } from './metric-report.js';
import { chosenDimensions, chosenModel, modelsOf } from './report-options.js';
import { compareValues, dayText, num } from './row-values.js';
import { modelIs } from './stored-filters.js';

const STORED_DIMS: readonly RoiDimension[] = ['channel', 'campaign'];

/**
 * Channel ROI per model: daily spend against the revenue (or, with `--value-kind pipeline`, the
 * pipeline) credited to the touches it bought. ROAS = value / spend and ROI = profit / spend ×
 * 100 with profit = value − spend (seed 003's definition, in percent) are undefined where
 * nothing was spent (organic channels, conversations), never infinite.
 */
export const channelRoiReport: MetricReport = {
  name: 'channel-roi',
  description:
    'spend, attributed revenue (or --value-kind pipeline), ROAS and ROI % = (revenue − spend) / spend × 100 per model and channel',
  table: CHANNEL_ROI_TABLE,
  options: ['model', 'by'],
  filters: ROI_FILTERS,
  cliDefaults: { by: ['channel'] },
  materialised: true,
  stored(d, settings, options) {
    const model = chosenModel(settings, options.model);
    const dims = chosenDimensions<RoiDimension>(options.by, ROI_DIMENSIONS, STORED_DIMS);
    return dims.join() === STORED_DIMS.join() && options.filter?.value_kind === undefined
      ? modelIs(d, model)
      : null;
  },
  async compute(engine, settings, options) {
    const models = modelsOf(settings, options.model);
    const dims = chosenDimensions<RoiDimension>(options.by, ROI_DIMENSIONS, STORED_DIMS);
    const rows = await engine.query(channelRoiSql(engine.dialect, models, dims, options.filter));
    const out = rows.map((r): Row => {
      const spend = num(r.spend);
      const revenue = num(r.attributed_revenue);
      const keys = Object.fromEntries(
        dims.map((d) => [d, d === 'day' && r.day !== null ? dayText(r.day) : (r[d] ?? null)]),
      );
      return {
        model: String(r.model),
        value_kind: options.filter?.value_kind ?? 'revenue',
        ...keys,
        spend,
        attributed_revenue: revenue,
        credited_conversions: num(r.credited_conversions),
        roas: roas(revenue, spend),
        roi_percent: roiPercent(revenue, spend),
      };
    });
    return out.sort(
      (a, b) =>
        compareValues(a.model, b.model) ||
        num(b.attributed_revenue) - num(a.attributed_revenue) ||
        num(b.spend) - num(a.spend) ||
        dims.reduce((o, d) => o || compareValues(a[d], b[d]), 0),
    );
  },
};
