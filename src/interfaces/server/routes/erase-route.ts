import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { erasePerson } from '../../../pipeline/privacy/erase-person.js';
import type { ApiContext } from '../api-context.js';

/**
 * `POST /v1/admin/erase` (admin scope): the right to be forgotten over HTTP, the same erasure as
 * `convrev erase`. The audit log names the API key that asked, never the person. It needs the
 * config the aggregates are recomputed under, so a server started without `--config` refuses
 * it (409) rather than recompute under settings the warehouse was not built with.
 */
export function eraseRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.post(
    '/v1/admin/erase',
    {
      schema: {
        tags: ['admin'],
        summary:
          'erase a person from every table, keep a tombstone, recompute the aggregates; dry_run lists what would go and the linked persons (records join them to the identifier), linked erases them too',
        body: Type.Object(
          {
            identifier: Type.String({ minLength: 3, maxLength: 1024, pattern: '^[a-z_]+:.+$' }),
            dry_run: Type.Optional(Type.Boolean()),
            linked: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const config = ctx.config;
      if (!config)
        return reply.code(409).send({
          error: 'no_config',
          message:
            'erasure recomputes the aggregates under the run config: start convrev serve with --config',
        });
      const body = request.body as { identifier: string; dry_run?: boolean; linked?: boolean };
      const key = await ctx.authenticate(request);
      const erase = () =>
        ctx.serial.run(() =>
          erasePerson(ctx.engine, body.identifier, {
            config,
            requestedBy: `api key ${key?.keyId ?? 'unknown'}`,
            dryRun: body.dry_run ?? false,
            linked: body.linked ?? false,
            ...(ctx.piiSalt ? { piiSalt: ctx.piiSalt } : {}),
          }),
        );
      // Erasure rewrites the tables a run writes: never beside a run.
      const report = await (ctx.runs ? ctx.runs.exclusive(erase) : erase());
      // The derived tables were rewritten outside a run: answers from before are stale.
      if (!report.dryRun) ctx.reports.clear();
      return {
        erasure_id: report.erasureId,
        identifier_type: report.identifierType,
        dry_run: report.dryRun,
        persons: report.persons,
        linked_persons: report.linked.map((l) => ({
          person_id: l.personId,
          identifier_types: l.identifierTypes,
          erased: l.erased,
        })),
        rows_deleted: report.rowsDeleted,
        tombstones: report.tombstones,
        tables: report.tables,
      };
    },
  );
}
