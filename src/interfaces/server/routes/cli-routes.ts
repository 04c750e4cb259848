import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listDeadLettersSql } from '../../../engine/sql/dead-letters-sql.js';
import { explainPerson } from '../../../pipeline/identity/explain-person.js';
import { readQualityResults } from '../../../pipeline/quality/read-quality-results.js';
import { explainConversion } from '../../../pipeline/reports/explain-conversion.js';
import type { ApiContext } from '../api-context.js';
import { machineRows } from '../machine-rows.js';
import { strictQuery } from '../query-schemas.js';

// Times as ISO text (Date's toJSON) and doubles unrounded: the answer is what
// `convrev explain --format json` prints from the warehouse itself.
const asJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

const ID = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

/**
 * Read routes the CLI uses while `convrev serve` holds the DuckDB file, each answering what the
 * command prints from the warehouse: `explain conversion|person ID`, `quality` (the latest
 * run's checks) and `deadletters list` (without payloads, which stay in the warehouse).
 */
export function cliRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/v1/explain/conversion/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'a conversion, its journey, every credit and the touches that earned none',
        params: ID,
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const e = await ctx.serial.run(() => explainConversion(ctx.engine, id));
      return reply.type('application/json; charset=utf-8').send(asJson(e));
    },
  );
  app.get(
    '/v1/explain/person/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'a person: identifiers, the edges that joined them, refused merges',
        params: ID,
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const e = await ctx.serial.run(() => explainPerson(ctx.engine, id));
      return reply.type('application/json; charset=utf-8').send(asJson(e));
    },
  );
  app.get(
    '/v1/quality/results',
    {
      schema: {
        tags: ['operations'],
        summary: "the latest run's data-quality checks: fails first, then warnings, then passes",
        querystring: strictQuery({}),
      },
    },
    async () => ({
      rows: machineRows(await ctx.serial.run(() => readQualityResults(ctx.engine))),
    }),
  );
  app.get(
    '/v1/dead-letters/latest',
    {
      schema: {
        tags: ['operations'],
        summary: 'dead letters newest first, not yet replayed unless all=true; no payloads',
        querystring: strictQuery({
          limit: Type.String({ pattern: '^[0-9]{1,5}$', description: 'at most this many (50)' }),
          all: Type.Union([Type.Literal('true'), Type.Literal('false')]),
        }),
      },
    },
    async (request) => {
      const q = request.query as { limit?: string; all?: string };
      const rows = await ctx.serial.run(() =>
        ctx.engine.query(
          listDeadLettersSql({
            limit: Math.min(Number(q.limit ?? 50) || 50, 10_000),
            includeReplayed: q.all === 'true',
          }),
        ),
      );
      return {
        rows: machineRows(rows.map(({ payload: _payload, ...rest }) => rest)),
      };
    },
  );
}
