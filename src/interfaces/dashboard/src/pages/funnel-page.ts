import { report, type ApiRow } from '../api.js';
import { chart } from '../charts.js';
import { section, table } from '../dom.js';
import { percent } from '../format.js';
import type { Page } from './page.js';

/** Rates with their Wilson interval drawn as error bars. */
function rateChart(name: string, rows: ApiRow[], label: (r: ApiRow) => string) {
  return chart(
    name,
    {
      tooltip: {
        formatter: (p: { dataIndex: number }) => {
          const r = rows[p.dataIndex];
          return r
            ? `${label(r)}: ${percent(r.rate)} (${percent(r.rate_low)}–${percent(r.rate_high)}), n=${String(r.conversations)}`
            : '';
        },
      },
      grid: { bottom: 80 },
      xAxis: { type: 'category', data: rows.map(label), axisLabel: { rotate: 30 } },
      yAxis: {
        type: 'value',
        name: 'conversion',
        axisLabel: { formatter: (v: number) => percent(v) },
      },
      series: [
        { type: 'bar', name: 'rate', data: rows.map((r) => r.rate) },
        {
          type: 'candlestick',
          name: 'confidence interval',
          barWidth: 4,
          data: rows.map((r) => [r.rate_low, r.rate_high, r.rate_low, r.rate_high]),
        },
      ],
    },
    rows.length,
    'No conversations old enough for this window.',
  );
}

export const funnelPage: Page = {
  id: 'funnel',
  title: 'Funnel and cohorts',
  async render({ filters }) {
    const funnel = (await report('funnel', filters)).filter((r) => r.dimension === 'overall');
    const conversion = await report('conversion', { ...filters, by: 'segment' });
    const longest = Math.max(...conversion.map((r) => Number(r.window_days)));
    const cohorts = conversion.filter((r) => Number(r.window_days) === longest);
    const speed = await report('speed-to-lead', filters);
    return [
      section(
        'Funnel',
        chart(
          'funnel',
          {
            tooltip: {},
            series: [
              {
                type: 'funnel',
                sort: 'none',
                label: { formatter: '{b}: {c}' },
                data: funnel.map((r) => ({ name: String(r.step_name), value: r.reached })),
              },
            ],
          },
          funnel.length,
          'No conversations old enough for the funnel window.',
        ),
        table(
          funnel,
          ['step_name', 'reached', 'step_rate', 'overall_rate', 'drop_off', 'drop_rate'],
          'funnel',
        ),
      ),
      section(
        `Conversion by segment, ${longest} days (Wilson interval)`,
        rateChart('conversion-by-segment', cohorts, (r) => String(r.dimension_value ?? 'overall')),
        table(
          cohorts,
          [
            'dimension_value',
            'conversations',
            'converted',
            'rate',
            'rate_low',
            'rate_high',
            'small_sample',
          ],
          'conversion',
        ),
      ),
      section(
        'Speed to lead: conversion by first-response time',
        rateChart('speed-to-lead', speed, (r) => String(r.response_time)),
      ),
    ];
  },
};
