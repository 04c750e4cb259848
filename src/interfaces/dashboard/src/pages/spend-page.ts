import { report } from '../api.js';
import { chart } from '../charts.js';
import { section, table } from '../dom.js';
import type { Page } from './page.js';

export const spendPage: Page = {
  id: 'spend',
  title: 'Spend and ROI',
  async render({ model, filters }) {
    const rows = await report('channel-roi', { ...filters, model, by: 'channel' });
    const channels = rows.map((r) => String(r.channel));
    return [
      section(
        `Spend against attributed revenue (${model ?? '—'})`,
        chart(
          'spend-revenue',
          {
            tooltip: { trigger: 'axis' },
            legend: {},
            xAxis: { type: 'category', data: channels, axisLabel: { rotate: 30 } },
            yAxis: { type: 'log', name: 'amount (log scale)' },
            series: [
              { name: 'spend', type: 'bar', data: rows.map((r) => r.spend || null) },
              {
                name: 'attributed revenue',
                type: 'bar',
                data: rows.map((r) => r.attributed_revenue || null),
              },
            ],
          },
          rows.length,
          'No spend or credits: add a spend source (day, channel, campaign, amount).',
        ),
        table(
          rows,
          ['channel', 'spend', 'attributed_revenue', 'credited_conversions', 'roas', 'roi_percent'],
          'channel-roi',
        ),
      ),
    ];
  },
};
