import type { FastifyInstance } from 'fastify';
import { UserError } from '../../../core/errors.js';
import type { Row } from '../../../engine/engine.js';
import { readMetricSettings } from '../../../pipeline/metrics/read-metric-settings.js';
import type { ApiContext } from '../api-context.js';
import { machineRows } from '../machine-rows.js';
import { FILTER_PARAMS, strictQuery } from '../query-schemas.js';
import { reportRows } from '../report-rows.js';

type Query = Readonly<Record<string, string | undefined>>;

/** The model an overview shows when none is asked for: linear when there, else the first. */
export function defaultModel(models: readonly string[]): string | undefined {
  return models.includes('linear') ? 'linear' : models[0];
}

const inRange = (q: Query) => (row: Row) => {
  const day = String(row.day);
  return (q.from === undefined || day >= q.from) && (q.to === undefined || day <= q.to);
};

/**
 * GET /v1/overview: the dashboard's first page in one request, every part of it a report of
 * `convrev report` for the model (rpc --by overall, rpc-trend, rpc-waterfall, rpc-daily,
 * summary, conversion --by overall). `from`/`to` select days of the daily series.
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
          from: FILTER_PARAMS.from,
          to: FILTER_PARAMS.to,
        }),
      },
    },
    async (request, reply) => {
      const q = request.query as Query;
      // Kept as JSON text: serialising the daily series is most of an answer's cost.
      const text = await ctx.reports.get(
        JSON.stringify(['overview', q.model, q.from, q.to]),
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
  const flags = { model };
  const [rpc, trend, waterfall, daily, summary, conversion] = [
    await reportRows(ctx, 'rpc', { ...flags, by: 'overall' }),
    await reportRows(ctx, 'rpc-trend', flags),
    await reportRows(ctx, 'rpc-waterfall', flags),
    await reportRows(ctx, 'rpc-daily', flags),
    await reportRows(ctx, 'summary', {}),
    await reportRows(ctx, 'conversion', { by: 'overall' }),
  ];
  const [headline] = machineRows(rpc);
  const [totals] = machineRows(summary.filter((r) => r.model === model));
  const conversionRows = machineRows(conversion);
  return {
    model,
    models: settings.models,
    empty: (headline?.conversations ?? 0) === 0 && (totals?.conversions ?? 0) === 0,
    rpc: headline ?? null,
    summary: totals ?? null,
    conversion: conversionRows,
    trend: machineRows(trend),
    waterfall: machineRows(waterfall),
    daily: machineRows(daily.filter(inRange(q))),
  };
}
