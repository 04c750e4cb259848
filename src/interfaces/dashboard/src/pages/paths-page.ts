import { report } from '../api.js';
import { chart } from '../charts.js';
import { section, table } from '../dom.js';
import type { Page } from './page.js';

export const pathsPage: Page = {
  id: 'paths',
  title: 'Paths',
  async render({ filters }) {
    const edges = await report('sankey', filters);
    const paths = await report('paths', filters);
    const names = [...new Set(edges.flatMap((e) => [String(e.source), String(e.target)]))];
    return [
      section(
        'Journeys from touch to touch (value)',
        chart(
          'sankey',
          {
            tooltip: {},
            series: [
              {
                type: 'sankey',
                emphasis: { focus: 'adjacency' },
                data: names.map((name) => ({ name })),
                links: edges.map((e) => ({
                  source: e.source,
                  target: e.target,
                  value: e.journeys,
                })),
              },
            ],
          },
          edges.length,
          'No multi-touch journeys yet.',
        ),
      ),
      section(
        'Top converting paths',
        chart(
          'top-paths',
          {
            tooltip: {},
            grid: { left: 260 },
            yAxis: { type: 'category', inverse: true, data: paths.map((p) => String(p.path)) },
            xAxis: { type: 'value', name: 'conversions' },
            series: [{ type: 'bar', data: paths.map((p) => p.conversions) }],
          },
          paths.length,
          'No converting paths yet.',
        ),
        table(
          paths,
          ['rank', 'path', 'conversions', 'value', 'conversion_share', 'avg_days_to_convert'],
          'paths',
        ),
      ),
    ];
  },
};
