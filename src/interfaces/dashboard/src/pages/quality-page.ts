import { get, type ApiRow } from '../api.js';
import { chart } from '../charts.js';
import { el, figure, section, table } from '../dom.js';
import { percent } from '../format.js';
import type { Page } from './page.js';

interface Quality {
  readonly deadLettersByReason: { reason: string; letters: number }[];
  readonly freshness: ApiRow[];
  readonly ingestLagSeconds: number | null;
  readonly touchpoints: number;
  readonly matchRate: number | null;
  readonly lastRun: { runId: string; finishedAt: string; seconds: number } | null;
}

const age = (seconds: number | null): string => {
  if (seconds === null) return '—';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
};

export const qualityPage: Page = {
  id: 'quality',
  title: 'Data quality',
  async render() {
    const q = await get<Quality>('/v1/quality');
    const reasons = q.deadLettersByReason;
    return [
      section(
        'Health',
        el(
          'div',
          { class: 'figures' },
          figure(
            'match_rate',
            'touchpoints matched to a person',
            q.matchRate,
            percent(q.matchRate),
          ),
          figure(
            'ingest_lag',
            'since the last batch arrived',
            q.ingestLagSeconds,
            age(q.ingestLagSeconds),
          ),
          figure(
            'dead_letters',
            'pending dead letters',
            reasons.reduce((s, r) => s + r.letters, 0),
            String(reasons.reduce((s, r) => s + r.letters, 0)),
          ),
          figure(
            'last_run',
            'last run finished',
            q.lastRun?.finishedAt ?? null,
            q.lastRun ? q.lastRun.finishedAt.replace('T', ' ').slice(0, 16) : 'never',
          ),
        ),
      ),
      section(
        'Dead letters by reason',
        chart(
          'dead-letters',
          {
            tooltip: {},
            xAxis: { type: 'category', data: reasons.map((r) => r.reason) },
            yAxis: { type: 'value', name: 'letters' },
            series: [{ type: 'bar', data: reasons.map((r) => r.letters) }],
          },
          reasons.length,
          'No dead letters: every record offered was stored or recognised as a duplicate.',
        ),
      ),
      section(
        'Freshness by source',
        chart(
          'freshness',
          {
            tooltip: { trigger: 'axis' },
            legend: {},
            grid: { bottom: 80 },
            xAxis: {
              type: 'category',
              data: q.freshness.map((f) => String(f.source)),
              axisLabel: { rotate: 30 },
            },
            yAxis: { type: 'value', name: 'records' },
            series: [
              { name: 'stored', type: 'bar', stack: 'r', data: q.freshness.map((f) => f.stored) },
              {
                name: 'duplicates',
                type: 'bar',
                stack: 'r',
                data: q.freshness.map((f) => f.duplicates),
              },
              {
                name: 'dead-lettered',
                type: 'bar',
                stack: 'r',
                data: q.freshness.map((f) => f.dead_lettered),
              },
            ],
          },
          q.freshness.length,
          'Nothing ingested yet.',
        ),
        table(
          q.freshness,
          [
            'source',
            'batches',
            'offered',
            'stored',
            'duplicates',
            'dead_lettered',
            'last_received_at',
          ],
          'freshness',
        ),
      ),
    ];
  },
};
