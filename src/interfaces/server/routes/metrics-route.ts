import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../api-context.js';
import { operationsFigures } from '../operations-figures.js';
import type { ServerMetrics } from '../server-metrics.js';

/** GET /metrics in Prometheus's text format (scrape it with a read key as bearer token). */
export function metricsRoute(app: FastifyInstance, ctx: ApiContext, metrics: ServerMetrics): void {
  app.get(
    '/metrics',
    { schema: { tags: ['operations'], summary: 'Prometheus metrics' } },
    async (_request, reply) => {
      metrics.update(await operationsFigures(ctx));
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  );
}
