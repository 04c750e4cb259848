import type { FastifyInstance } from 'fastify';
import { UserError } from '../../../core/errors.js';
import { FILTER_NAMES } from '../../../engine/sql/metrics/conversation-filter-sql.js';
import { readMetricSettings } from '../../../pipeline/metrics/read-metric-settings.js';
import type { ApiContext } from '../api-context.js';
import { machineRows } from '../machine-rows.js';
import { FILTER_PARAMS, strictQuery } from '../query-schemas.js';
import { splitFilters } from '../report-filters.js';
import { reportRows } from '../report-rows.js';

type Query = Readonly<Record<string, string | undefined>>;

/** The model an overview shows when none is asked for: linear when there, else the first. */
export function defaultModel(models: readonly string[]): string | undefined {
  return models.includes('linear') ? 'linear' : models[0];
}

/**
 * GET /v1/overview: the dashboard's first page in one request, every part of it a report of
 * `convrev report` for the model (rpc --by overall, rpc-trend, rpc-waterfall, rpc-daily,
 * attribution --by '' for the attributed revenue, summary, conversion --by overall). Revenue,
 * pipeline and savings are never added: `attributed` and `summary` are the revenue figures,
 * `attributed_by_kind` and `summary_by_kind` every value kind's apart. The filters
 * (from, to, segment, channel, conversation_type) narrow every part but the summary: the
 * conversations the RPC parts are computed over, and the conversions and credited touches of
 * the attributed revenue. The summary is the stored whole (every conversion, attributed or not),
 * and the answer's `filters.ignored` says so.
 */
export function overviewRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/v1/overview',
    {
      schema: {
        tags: ['reports'],
        summary: 'headline figures of one model: RPC, its trend, waterfall, revenue, conversion',
        querystring: strictQuery({
          model: FILTER_PARAMS.model,
          ...Object.fromEntries(FILTER_NAMES.map((f) => [f, FILTER_PARAMS[f]])),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query as Query;
      // Kept as JSON text: serialising the daily series is most of an answer's cost.
      const text = await ctx.reports.get(
        JSON.stringify(['overview', Object.entries(q).sort()]),
        async () => JSON.stringify(await overview(ctx, q)),
      );
      return reply.type('application/json; charset=utf-8').send(text);
    },
  );
}

async function overview(ctx: ApiContext, q: Query) {
  // A warehouse no run has filled is the dashboard's empty state, not an error.
  const settings = await ctx.serial
    .run(() => readMetricSettings(ctx.engine))
    .catch((error: unknown) => {
      if (error instanceof UserError) return null;
      throw error;
    });
  const model = settings ? (q.model ?? defaultModel(settings.models)) : undefined;
  if (settings === null || model === undefined) return { model: null, models: [], empty: true };
  // Every filtered part takes all five filters; the summary takes none.
  const filtered = splitFilters(q, FILTER_NAMES);
  const flags = { model, ...filtered.flags };
  const [rpc, trend, waterfall, daily, attributed, summary, conversion] = [
    await reportRows(ctx, 'rpc', { ...flags, by: 'overall' }),
    await reportRows(ctx, 'rpc-trend', flags),
    await reportRows(ctx, 'rpc-waterfall', flags),
    await reportRows(ctx, 'rpc-daily', flags),
    await reportRows(ctx, 'attribution', { ...flags, by: '' }),
    await reportRows(ctx, 'summary', {}),
    await reportRows(ctx, 'conversion', { ...filtered.flags, by: 'overall' }),
  ];
  const ignored = splitFilters(q, []).note.ignored;
  const [headline] = machineRows(rpc);
  // Revenue, pipeline and savings are each their own figure, never one sum.
  const summaries = machineRows(summary.filter((r) => r.model === model));
  const creditedByKind = machineRows(attributed);
  const totals = summaries.find((r) => r.value_kind === 'revenue');
  const credited = creditedByKind.find((r) => r.value_kind === 'revenue');
  const conversionRows = machineRows(conversion);
  return {
    model,
    models: settings.models,
    empty: (headline?.conversations ?? 0) === 0 && (totals?.conversions ?? 0) === 0,
    filters: {
      applied: filtered.note.applied,
      ignored: ignored.length ? { summary: ignored } : {},
    },
    rpc: headline ?? null,
    attributed: credited ?? null,
    attributed_by_kind: creditedByKind,
    summary: totals ?? null,
    summary_by_kind: summaries,
    conversion: conversionRows,
    trend: machineRows(trend),
    waterfall: machineRows(waterfall),
    daily: machineRows(daily),
  };
}
