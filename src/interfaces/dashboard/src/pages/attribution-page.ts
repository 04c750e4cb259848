import { report, type ApiRow } from '../api.js';
import { chart } from '../charts.js';
import { el, section, table } from '../dom.js';
import type { Page } from './page.js';

const BY = ['segment', 'touchpoint_type', 'campaign', 'conversion_kind'];

export const attributionPage: Page = {
  id: 'attribution',
  title: 'Attribution',
  async render({ view, models, model, filters }) {
    // Channel x model: one attribution report per model, each grouped by channel.
    const perModel = new Map<string, ApiRow[]>();
    for (const m of models)
      perModel.set(m, await report('attribution', { ...filters, model: m, by: 'channel' }));
    const channels = [...new Set([...perModel.values()].flat().map((r) => String(r.channel)))];
    const value = (rows: ApiRow[] | undefined, channel: string) =>
      rows?.find((r) => r.channel === channel)?.credited_value ?? 0;
    const comparison = chart(
      'channel-model',
      {
        tooltip: { trigger: 'axis' },
        legend: {},
        grid: { left: 110 },
        yAxis: { type: 'category', data: channels },
        xAxis: { type: 'value', name: 'credited value' },
        series: models.map((m) => ({
          name: m,
          type: 'bar',
          data: channels.map((c) => value(perModel.get(m), c)),
        })),
      },
      channels.length,
      'No credits yet: run the pipeline.',
    );
    const by = view.by && BY.includes(view.by) ? view.by : 'segment';
    const rows = model ? await report('attribution', { ...filters, model, by }) : [];
    const bySegment = chart(
      'by-dimension',
      {
        tooltip: {},
        xAxis: { type: 'category', data: rows.map((r) => String(r[by])) },
        yAxis: { type: 'value', name: 'credited value' },
        series: [{ type: 'bar', data: rows.map((r) => r.credited_value) }],
      },
      rows.length,
      'No credits for this model.',
    );
    const picker = el(
      'p',
      { class: 'hint' },
      `Model ${model ?? '—'} by ${by}; pick the model above, the grouping here: `,
      ...BY.map((b) => {
        const q = new URLSearchParams(location.search);
        q.set('by', b);
        return el('a', { href: `?${q.toString()}`, class: b === by ? 'active' : '' }, b);
      }),
    );
    return [
      section('Credited value by channel, every model', comparison),
      section(
        `By ${by}`,
        picker,
        bySegment,
        table(rows, [by, 'credited_conversions', 'credited_value', 'value_share'], 'by-dimension'),
      ),
    ];
  },
};
