import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Row } from '../../../engine/engine.js';
import { listRunsSql, runByIdSql } from '../../../engine/sql/runs-sql.js';
import type { ApiContext } from '../api-context.js';
import { strictQuery } from '../query-schemas.js';
import type { RunCoordinator } from '../run-coordinator.js';

const iso = (v: Row[string] | undefined): string | null =>
  v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v);

/**
 * A run as the API shows it: status running | succeeded | failed | interrupted, what started it
 * (schedule, api, cli), its stages with timings and row counts, and the error of a failed run.
 */
export function runView(row: Row) {
  let stages: { stage: string; ms: number; rows: number }[] = [];
  try {
    const parsed = JSON.parse(String(row.stages ?? '[]')) as {
      stage: string;
      ms: number;
      rows: number;
    }[];
    stages = parsed.map((s) => ({ stage: s.stage, ms: Math.round(s.ms), rows: s.rows }));
  } catch {
    stages = [];
  }
  return {
    id: String(row.run_id),
    status: String(row.status ?? 'succeeded'),
    trigger:
      row.triggered_by === null || row.triggered_by === undefined
        ? 'cli'
        : String(row.triggered_by),
    started_at: iso(row.started_at),
    finished_at: iso(row.finished_at),
    stages,
    row_counts: Object.fromEntries(stages.map((s) => [s.stage, s.rows])),
    events_processed_through: iso(row.events_watermark),
    error: row.error === null || row.error === undefined ? null : String(row.error),
  };
}

/**
 * POST /v1/admin/runs starts a run (202 with its id; 409 with the running run's id when one is
 * in progress); GET /v1/admin/runs lists recent runs, newest first; GET /v1/admin/runs/:id one.
 * `convrev run` beside a server uses exactly these: keep routes and status names stable.
 */
export function runsRoutes(
  app: FastifyInstance,
  ctx: ApiContext,
  runs: RunCoordinator | null,
): void {
  app.post(
    '/v1/admin/runs',
    { schema: { tags: ['admin'], summary: 'start a pipeline run (202), or 409 while one runs' } },
    async (_request, reply) => {
      if (!runs)
        return reply.code(409).send({
          error: 'no_config',
          message: 'runs need the sources of a config: start convrev serve with --config',
        });
      const outcome = await runs.start('api');
      if (outcome.started) return reply.code(202).send({ id: outcome.runId, status: 'running' });
      return reply.code(409).send({
        error: 'run_in_progress',
        message:
          outcome.runId === null
            ? 'an erasure is rewriting the results; try again when it is done'
            : `run ${outcome.runId} is in progress; poll GET /v1/admin/runs/${outcome.runId}`,
        id: outcome.runId,
      });
    },
  );
  app.get(
    '/v1/admin/runs',
    {
      schema: {
        tags: ['admin'],
        summary: 'recent runs, newest first',
        querystring: strictQuery({
          limit: Type.String({
            pattern: '^[0-9]{1,3}$',
            description: 'at most this many, 1 to 500 (20)',
          }),
        }),
      },
    },
    async (request) => {
      const { limit } = request.query as { limit?: string };
      const n = Math.min(500, Math.max(1, Number(limit ?? 20)));
      const rows = await ctx.serial.run(() => ctx.engine.query(listRunsSql(n)));
      return { running: runs?.running ?? null, runs: rows.map(runView) };
    },
  );
  app.get(
    '/v1/admin/runs/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'one run',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9A-Za-z-]{1,64}$' }) }),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const [row] = await ctx.serial.run(() => ctx.engine.query(runByIdSql(id)));
      if (!row) return reply.code(404).send({ error: 'not_found', message: `no run ${id}` });
      return runView(row);
    },
  );
}
