import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { EngineError, UserError } from '../../core/errors.js';

interface AjvIssue {
  readonly keyword?: string;
  readonly instancePath?: string;
  readonly params?: Record<string, unknown>;
  readonly message?: string;
}

/** One line naming what was wrong with the request: the parameter, and why. */
function validationMessage(error: FastifyError): string {
  const issues = (error.validation ?? []) as AjvIssue[];
  const where = error.validationContext ?? 'request';
  const parts = issues.map((issue) => {
    if (issue.keyword === 'additionalProperties')
      return `unknown ${where === 'querystring' ? 'parameter' : 'field'} "${String(issue.params?.additionalProperty)}"`;
    const field = (issue.instancePath ?? '').replace(/^\//, '') || where;
    if (issue.keyword === 'format' && issue.params?.format === 'date')
      return `${field} must be a day of the calendar, yyyy-mm-dd`;
    return `${field} ${issue.message ?? 'is not valid'}`;
  });
  return parts.join('; ') || error.message;
}

/**
 * The one place failures become HTTP answers: 400 for a request the server cannot answer as
 * asked (a bad parameter, an unknown model), 503 when the warehouse failed, 500 otherwise. The
 * log gets the error's kind and message, never the request's values.
 */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.validation)
    return reply.code(400).send({ error: 'bad_request', message: validationMessage(error) });
  if (error instanceof UserError)
    return reply.code(400).send({ error: 'bad_request', message: error.message });
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500)
    return reply
      .code(error.statusCode)
      .send({ error: error.code ?? 'bad_request', message: error.message });
  if (error instanceof EngineError) {
    request.log.error({ err: error.message }, 'warehouse failed');
    return reply.code(503).send({ error: 'unavailable', message: 'the warehouse failed; retry' });
  }
  request.log.error({ err: error.message, kind: error.name }, 'internal error');
  return reply.code(500).send({ error: 'internal', message: 'internal error' });
}
