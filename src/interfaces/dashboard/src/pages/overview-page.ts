import { get, type ApiRow } from '../api.js';
import { chart } from '../charts.js';
import { el, figure, section, table } from '../dom.js';
import { money, percent } from '../format.js';
import type { Page } from './page.js';

interface Overview {
  readonly empty: boolean;
  readonly model: string | null;
  readonly rpc: ApiRow | null;
  /** The model's credited revenue under the filters (attribution --by ''). */
  readonly attributed: ApiRow | null;
  /** Its credited value of every value kind, one row each (revenue, pipeline, savings). */
  readonly attributed_by_kind?: ApiRow[];
  readonly conversion: ApiRow[];
  readonly trend: ApiRow[];
  readonly waterfall: ApiRow[];
  readonly daily: ApiRow[];
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export const overviewPage: Page = {
  id: 'overview',
  title: 'Overview',
  async render({ model, filters }) {
    const o = await get<Overview>('/v1/overview', { model, ...filters });
    if (o.empty || !o.rpc)
      return [
        section(
          'No data yet',
          el(
            'p',
            { 'data-empty': 'overview' },
            'The warehouse has no attributed conversations. Load data and run the pipeline: convrev run --config convrev.yaml (or convrev demo).',
          ),
        ),
      ];
    // The conversion headline is the longest timing window, overall.
    const overall = o.conversion.filter((r) => r.dimension === 'overall');
    const conv = overall.reduce<ApiRow | undefined>(
      (best, r) => (!best || Number(r.window_days) > Number(best.window_days) ? r : best),
      undefined,
    );
    const figures = el(
      'div',
      { class: 'figures' },
      figure(
        'rpc_comprehensive',
        'revenue per conversation (comprehensive)',
        o.rpc.rpc_comprehensive,
        money(o.rpc.rpc_comprehensive),
      ),
      figure(
        'rpc_basic',
        'revenue per conversation (attributed only)',
        o.rpc.rpc_basic,
        money(o.rpc.rpc_basic),
      ),
      figure(
        'attributed_value',
        'attributed revenue',
        o.attributed?.credited_value ?? null,
        money(o.attributed?.credited_value),
      ),
      figure(
        'attributed_pipeline',
        'attributed pipeline (not revenue)',
        o.attributed_by_kind?.find((r) => r.value_kind === 'pipeline')?.credited_value ?? null,
        money(o.attributed_by_kind?.find((r) => r.value_kind === 'pipeline')?.credited_value),
      ),
      figure('conversations', 'conversations', o.rpc.conversations, String(o.rpc.conversations)),
      figure(
        'conversion_rate',
        `conversation → ${String(conv?.outcome ?? 'deal').replaceAll('_', ' ')} in ${String(conv?.window_days ?? '—')} days`,
        conv?.rate ?? null,
        percent(conv?.rate),
      ),
    );
    const days = o.daily.map((r) => String(r.day));
    const line = (key: string, name: string) => ({
      name,
      type: 'line',
      showSymbol: false,
      data: o.daily.map((r) => num(r[key])),
    });
    const trendChart = chart(
      'rpc-trend',
      {
        tooltip: { trigger: 'axis' },
        legend: {},
        xAxis: { type: 'category', data: days },
        yAxis: { type: 'value', name: 'RPC' },
        series: [
          line('rpc_30d', 'trailing 30 d'),
          line('rpc_60d', 'trailing 60 d'),
          line('rpc_90d', 'trailing 90 d'),
        ],
      },
      o.daily.length,
      'No conversations in this date range.',
    );
    // A waterfall: each component floats on the sum of the ones before it; the total stands alone.
    const steps = o.waterfall.filter((r) => r.component !== 'total');
    const base = steps.map(
      (r) => Number(r.cumulative_per_conversation) - Number(r.per_conversation),
    );
    const total = o.waterfall.find((r) => r.component === 'total');
    const waterfall = chart(
      'waterfall',
      {
        tooltip: {},
        xAxis: { type: 'category', data: [...steps.map((r) => String(r.component)), 'total'] },
        yAxis: { type: 'value', name: 'per conversation' },
        series: [
          { type: 'bar', stack: 'w', itemStyle: { color: 'transparent' }, data: [...base, 0] },
          {
            type: 'bar',
            stack: 'w',
            label: {
              show: true,
              position: 'top',
              formatter: (p: { value: number }) => money(p.value),
            },
            data: [
              ...steps.map((r) => num(r.per_conversation)),
              num(total?.per_conversation ?? null),
            ],
          },
        ],
      },
      o.waterfall.length,
      'No revenue components.',
    );
    return [
      section(`Headline (${o.model ?? ''})`, figures),
      section('RPC, trailing 30/60/90 days', trendChart),
      section('Revenue waterfall per conversation', waterfall),
      section(
        'Last 30/60/90 days against the days before',
        table(
          o.trend,
          [
            'window_days',
            'period_start',
            'period_end',
            'conversations',
            'rpc_comprehensive',
            'previous_rpc_comprehensive',
            'change_rate',
          ],
          'trend',
        ),
      ),
    ];
  },
};
