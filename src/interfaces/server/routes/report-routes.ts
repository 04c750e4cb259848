import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ALL_FILTER_NAMES } from '../../../engine/sql/metrics/conversation-filter-sql.js';
import { REPORT_REGISTRY } from '../../cli/report-registry.js';
import type { ApiContext } from '../api-context.js';
import { machineRows } from '../machine-rows.js';
import { OPTION_PARAMS, ROW_FILTERS, strictQuery } from '../query-schemas.js';
import { splitFilters } from '../report-filters.js';
import { reportRows } from '../report-rows.js';

type Query = Readonly<Record<string, string | undefined>>;

/**
 * GET /v1/reports (the list) and GET /v1/reports/NAME for every report of `convrev report`: the
 * query parameters are its flags (same names, same text) and the filters from, to, segment,
 * channel and conversation_type. A report applies the filters it can in SQL before it
 * aggregates; the answer's `filters` says which it applied and which it had to ignore.
 */
export function reportRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const described = REPORT_REGISTRY.map((r) => ({
    name: r.name,
    description: r.description,
    parameters: r.options.map((o) => OPTION_PARAMS[o][0]),
    filters: r.filters,
  }));
  app.get(
    '/v1/reports',
    { schema: { tags: ['reports'], summary: 'every report, its parameters and filters' } },
    () => Promise.resolve({ reports: described }),
  );
  for (const report of REPORT_REGISTRY) {
    const properties: Record<string, TSchema> = {};
    for (const option of report.options) {
      const [param, schema] = OPTION_PARAMS[option];
      properties[param] = schema;
    }
    for (const f of ALL_FILTER_NAMES) properties[f] ??= ROW_FILTERS[f].schema;
    app.get(
      `/v1/reports/${report.name}`,
      {
        schema: {
          tags: ['reports'],
          summary: report.description,
          querystring: strictQuery(properties),
        },
      },
      async (request, reply) => {
        const q = request.query as Query;
        const text = await ctx.reports.get(
          JSON.stringify(['route', report.name, Object.entries(q).sort()]),
          () => answer(q),
        );
        return reply.type('application/json; charset=utf-8').send(text);
      },
    );
    const answer = async (q: Query): Promise<string> => {
      const flags: Record<string, string> = {};
      for (const option of report.options) {
        const param = OPTION_PARAMS[option][0];
        const value = q[param];
        if (value !== undefined) flags[param] = value;
      }
      const filters = splitFilters(q, report.filters, report.options);
      const rows = await reportRows(ctx, report.name, { ...flags, ...filters.flags });
      return JSON.stringify({
        report: report.name,
        count: rows.length,
        filters: filters.note,
        rows: machineRows(rows),
      });
    };
  }
}
