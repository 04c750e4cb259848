import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listWriteKeysSql } from '../../../engine/sql/write-keys-sql.js';
import {
  createWriteKey,
  KEY_SCOPES,
  revokeWriteKey,
  type KeyScope,
} from '../../../pipeline/ingest/write-keys.js';
import type { ApiContext } from '../api-context.js';
import { machineRows } from '../machine-rows.js';

/**
 * Admin routes (admin scope): API keys. This is the place for further admin routes (erasure
 * and the like): add them here, and they get the admin check of their scope. A route that
 * changes what reports read outside a run (erasure rewrites derived tables) must call
 * `ctx.reports.clear()` after it commits, or the API answers from before it for a while.
 */
export function adminRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/v1/admin/keys',
    { schema: { tags: ['admin'], summary: 'API keys, without their secrets' } },
    async () => ({
      keys: machineRows(await ctx.serial.run(() => ctx.engine.query(listWriteKeysSql()))),
    }),
  );
  app.post(
    '/v1/admin/keys',
    {
      schema: {
        tags: ['admin'],
        summary: 'create a key; the response is the only time its secret is shown',
        body: Type.Object(
          {
            scopes: Type.Array(Type.Union(KEY_SCOPES.map((s) => Type.Literal(s))), {
              minItems: 1,
              maxItems: 3,
            }),
            name: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_. -]{1,64}$' })),
            source: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const body = request.body as { scopes: KeyScope[]; name?: string; source?: string };
      const created = await ctx.serial.run(() =>
        createWriteKey(ctx.engine, {
          name: body.name ?? 'api',
          source: body.source ?? 'http',
          scopes: [...new Set(body.scopes)],
        }),
      );
      return reply.code(201).send({ key_id: created.keyId, key: created.key });
    },
  );
  app.delete(
    '/v1/admin/keys/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'revoke a key: it stops working at once on this server',
        params: Type.Object({ id: Type.String({ pattern: '^key_[0-9a-f]{1,32}$' }) }),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const revoked = await ctx.serial.run(() => revokeWriteKey(ctx.engine, id));
      ctx.authenticate.clear();
      if (!revoked)
        return reply.code(404).send({ error: 'not_found', message: `no active key ${id}` });
      return { key_id: id, revoked: true };
    },
  );
}
