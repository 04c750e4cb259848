import { lowerBound, NO_RESPONSE, responseTimeBuckets } from '../../core/metrics/buckets.js';
import type { Row } from '../../engine/engine.js';
import { FILTER_NAMES } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { SPEED_TO_LEAD_TABLE } from '../../engine/schema/report-tables.js';
import { cohortCounts, conversionQuery } from './conversion-report.js';
import type { MetricReport } from './metric-report.js';
import { proportionColumns } from './proportion-columns.js';
import { chosenWindows } from './report-options.js';

/**
 * Speed to lead: conversion by first-response-time bucket, fastest first, then the
 * conversations that never got a response. Every bucket is listed, empty ones as undefined.
 */
export const speedToLeadReport: MetricReport = {
  name: 'speed-to-lead',
  description: 'conversion by first-response time bucket (speed to lead)',
  table: SPEED_TO_LEAD_TABLE,
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
    const q = conversionQuery(settings, options, ['response_time'], [window ?? 0]);
    const counts = await cohortCounts(engine, q);
    const buckets = [
      ...responseTimeBuckets(settings.config.responseBuckets).map((b, i, all) => ({
        label: b.label,
        min: lowerBound(all, i),
        max: b.upTo,
      })),
      { label: NO_RESPONSE, min: null, max: null },
    ];
    return buckets.map((b): Row => {
      const c = counts.find((x) => x.value === b.label);
      return {
        definition: q.definition,
        outcome: q.outcome,
        window_days: window ?? 0,
        response_time: b.label,
        min_seconds: b.min,
        max_seconds: b.max,
        ...proportionColumns(c?.converted ?? 0, c?.conversations ?? 0, settings.config),
      };
    });
  },
};
