import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../api-context.js';
import { operationsFigures } from '../operations-figures.js';
import { runFreshness } from '../run-freshness.js';
import type { ServerMetrics } from '../server-metrics.js';

/** GET /metrics in Prometheus's text format (scrape it with a read key as bearer token). */
export function metricsRoute(app: FastifyInstance, ctx: ApiContext, metrics: ServerMetrics): void {
  app.get(
    '/metrics',
    { schema: { tags: ['operations'], summary: 'Prometheus metrics' } },
    async (_request, reply) => {
      metrics.update(await operationsFigures(ctx));
      metrics.updateRuns(await runFreshness(ctx.engine, ctx.serial), ctx.runs?.running != null);
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  );
}
