import { get, report, type ApiRow } from '../api.js';
import { chart } from '../charts.js';
import { section, table } from '../dom.js';
import type { Page } from './page.js';

const bars = (name: string, rows: ApiRow[], label: (r: ApiRow) => string) =>
  chart(
    name,
    {
      tooltip: {},
      grid: { bottom: 90 },
      xAxis: { type: 'category', data: rows.map(label), axisLabel: { rotate: 35 } },
      yAxis: { type: 'value', name: 'RPC' },
      series: [{ type: 'bar', data: rows.map((r) => r.rpc_comprehensive) }],
    },
    rows.length,
    'No conversations.',
  );

const RPC_COLUMNS = [
  'dimension_value',
  'conversations',
  'total_value',
  'rpc_basic',
  'rpc_comprehensive',
];

export const conversationsPage: Page = {
  id: 'conversations',
  title: 'Conversations',
  async render({ model, filters }) {
    const byType = await report('rpc', { ...filters, model, by: 'conversation_type' });
    const byFlow = await report('rpc', { ...filters, model, by: 'flow' });
    const byHour = await report('rpc', { ...filters, model, by: 'hour_of_day' });
    byHour.sort((a, b) => Number(a.dimension_value) - Number(b.dimension_value));
    // Flows with conversations, best and worst comprehensive RPC.
    const ranked = byFlow
      .filter((r) => typeof r.rpc_comprehensive === 'number')
      .sort((a, b) => Number(b.rpc_comprehensive) - Number(a.rpc_comprehensive));
    const top = ranked.slice(0, 5);
    const bottom = ranked.slice(-5).reverse();
    const page = await get<{ rows: ApiRow[] }>('/v1/conversations', {
      ...filters,
      model,
      limit: '10',
    });
    return [
      section(
        'RPC by conversation type',
        bars('rpc-by-type', byType, (r) => String(r.dimension_value)),
      ),
      section(
        'RPC by agent or bot flow',
        bars('rpc-by-flow', byFlow, (r) => String(r.dimension_value)),
      ),
      section(
        'RPC by hour of day (UTC)',
        bars('rpc-by-hour', byHour, (r) => String(r.dimension_value)),
      ),
      section('Top flows', table(top, RPC_COLUMNS, 'top-flows')),
      section('Bottom flows', table(bottom, RPC_COLUMNS, 'bottom-flows')),
      section(
        'Most valuable conversations of the filters',
        table(
          page.rows,
          [
            'conversation_id',
            'day',
            'channel',
            'conversation_type',
            'total_value',
            'cost',
            'profit',
          ],
          'conversations',
        ),
      ),
    ];
  },
};
