import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../api-context.js';
import { operationsFigures } from '../operations-figures.js';
import { strictQuery } from '../query-schemas.js';

/**
 * GET /v1/quality: pending dead letters by reason, freshness per source (from ingest_batches),
 * the touchpoint match rate and the last run. Data-quality checks of the quality stage join
 * here when their table exists.
 */
export function qualityRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/v1/quality',
    {
      schema: {
        tags: ['operations'],
        summary: 'dead letters by reason, freshness, match rate, last run',
        querystring: strictQuery({}),
      },
    },
    () => operationsFigures(ctx),
  );
}
