import type { Row } from '../../engine/engine.js';
import { FILTER_NAMES } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { SEND_HOUR_TABLE } from '../../engine/schema/report-tables.js';
import { cohortCounts, conversionQuery } from './conversion-report.js';
import type { MetricReport } from './metric-report.js';
import { proportionColumns } from './proportion-columns.js';
import { chosenWindows } from './report-options.js';

/**
 * Conversion by the hour (UTC) a conversation started — for outbound messages, the send hour.
 * All 24 hours are listed; an hour with no conversation has an undefined rate.
 */
export const sendHourReport: MetricReport = {
  name: 'send-hour',
  description:
    'conversion by the hour of day (UTC) the conversation started or the message was sent',
  table: SEND_HOUR_TABLE,
  options: ['days', 'definition', 'outcome'],
  filters: FILTER_NAMES,
  materialised: true,
  stored(_d, settings, options) {
    const c = settings.config.conversion;
    const [window] = chosenWindows(options.days, [c.windowDays]);
    const q = conversionQuery(settings, options, [], [window ?? 0]);
    return window === c.windowDays && q.definition === c.definition && q.outcome === c.outcome
      ? ''
      : null;
  },
  async compute(engine, settings, options) {
    const [window] = chosenWindows(options.days, [settings.config.conversion.windowDays]);
    const q = conversionQuery(settings, options, ['hour_of_day'], [window ?? 0]);
    const counts = await cohortCounts(engine, q);
    return Array.from({ length: 24 }, (_x, hour): Row => {
      const c = counts.find((x) => x.value === String(hour));
      return {
        definition: q.definition,
        outcome: q.outcome,
        window_days: window ?? 0,
        hour,
        ...proportionColumns(c?.converted ?? 0, c?.conversations ?? 0, settings.config),
      };
    });
  },
};
