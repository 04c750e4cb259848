import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasScope, type KeyScope } from '../../pipeline/ingest/write-keys.js';
import type { ApiContext } from './api-context.js';

/**
 * A preHandler admitting requests whose key has `scope` (admin implies every scope): 401 without
 * a key or with an unknown or revoked one, 403 with a key lacking the scope.
 */
export function requireScope(ctx: ApiContext, scope: KeyScope) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const key = await ctx.authenticate(request);
    if (!key) {
      await reply.code(401).header('www-authenticate', 'Bearer').send({
        error: 'unauthorized',
        message: 'a valid API key is required (Authorization: Bearer KEY)',
      });
      return;
    }
    if (!hasScope(key, scope))
      await reply
        .code(403)
        .send({ error: 'forbidden', message: `the key lacks the ${scope} scope` });
  };
}
