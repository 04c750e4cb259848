import { responseTimeBuckets } from '../../core/metrics/buckets.js';
import { FUNNEL_STEPS, funnelRates } from '../../core/metrics/funnel-steps.js';
import type { Row } from '../../engine/engine.js';
import { FILTER_NAMES } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { FUNNEL_TABLE } from '../../engine/schema/report-tables.js';
import {
  COHORT_DIMENSION_NAMES,
  type CohortDimension,
} from '../../engine/sql/metrics/cohort-dimensions.js';
import { funnelCountsSql } from '../../engine/sql/metrics/funnel-sql.js';
import type { MetricReport } from './metric-report.js';
import { chosenDefinition, chosenDimensions, chosenWindows } from './report-options.js';
import { compareValues, num, textOrNull } from './row-values.js';

/**
 * The funnel from conversation to won deal, with step rates and drop-off, overall and per
 * cohort. Conversations of people on no account cannot reach an account's deal and are left out.
 */
export const funnelReport: MetricReport = {
  name: 'funnel',
  description:
    'conversation → reply → meeting/demo → opportunity → closed-won: counts, step rates, drop-off',
  table: FUNNEL_TABLE,
  options: ['by', 'days', 'definition'],
  filters: FILTER_NAMES,
  materialised: true,
  stored(_d, settings, options) {
    const c = settings.config.conversion;
    const dims = chosenDimensions<CohortDimension>(options.by, COHORT_DIMENSION_NAMES, ['overall']);
    const [window] = chosenWindows(options.days, [c.windowDays]);
    const definition = chosenDefinition(options.definition, c.definition);
    const stored = dims.length === 1 && dims[0] === 'overall';
    return stored && window === c.windowDays && definition === c.definition ? '' : null;
  },
  async compute(engine, settings, options) {
    const dims = chosenDimensions<CohortDimension>(options.by, COHORT_DIMENSION_NAMES, ['overall']);
    const [window] = chosenWindows(options.days, [settings.config.conversion.windowDays]);
    const windowDays = window ?? 0;
    const definition = chosenDefinition(options.definition, settings.config.conversion.definition);
    const rows = await engine.query(
      funnelCountsSql(engine.dialect, {
        definition,
        windowDays,
        dims,
        responseBuckets: responseTimeBuckets(settings.config.responseBuckets),
        ...(options.filter ? { filter: options.filter } : {}),
      }),
    );
    if (dims.includes('overall') && !rows.some((r) => r.dimension === 'overall'))
      rows.push({ dimension: 'overall', dimension_value: null });
    const rank = (d: string) => dims.indexOf(d as CohortDimension);
    rows.sort(
      (a, b) =>
        rank(String(a.dimension)) - rank(String(b.dimension)) ||
        compareValues(a.dimension_value, b.dimension_value),
    );
    return rows.flatMap((r): Row[] =>
      funnelRates(FUNNEL_STEPS.map((name, i) => ({ name, count: num(r[`step_${i + 1}`]) }))).map(
        (s) => ({
          definition,
          window_days: windowDays,
          dimension: String(r.dimension),
          dimension_value: textOrNull(r.dimension_value),
          step: s.step,
          step_name: s.name,
          reached: s.count,
          step_rate: s.stepRate,
          overall_rate: s.overallRate,
          drop_off: s.dropOff,
          drop_rate: s.dropRate,
        }),
      ),
    );
  },
};
