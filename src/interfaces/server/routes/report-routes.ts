import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Row } from '../../../engine/engine.js';
import { METRIC_REPORTS } from '../../../pipeline/reports/metric-reports.js';
import { REPORT_REGISTRY } from '../../cli/report-registry.js';
import type { ApiContext } from '../api-context.js';
import { machineRows } from '../machine-rows.js';
import { OPTION_PARAMS, ROW_FILTERS, strictQuery, type RowFilterName } from '../query-schemas.js';
import { reportRows } from '../report-rows.js';

type Query = Readonly<Record<string, string | undefined>>;

/** The row filters a report offers: those whose column its rows carry. */
export function rowFiltersOf(name: string): RowFilterName[] {
  const columns = new Set(
    METRIC_REPORTS.find((r) => r.name === name)?.table.columns.map((c) => c.name),
  );
  return (Object.keys(ROW_FILTERS) as RowFilterName[]).filter((f) =>
    columns.has(ROW_FILTERS[f].column),
  );
}

function keep(row: Row, filters: readonly RowFilterName[], q: Query): boolean {
  return filters.every((f) => {
    const wanted = q[f];
    if (wanted === undefined) return true;
    const value = row[ROW_FILTERS[f].column];
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    if (f === 'from') return text.slice(0, 10) >= wanted;
    if (f === 'to') return text.slice(0, 10) <= wanted;
    return text === wanted;
  });
}

/**
 * GET /v1/reports (the list) and GET /v1/reports/NAME for every report of `convrev report`: the
 * query parameters are its flags (same names, same text), plus the row filters its rows allow.
 */
export function reportRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const described = REPORT_REGISTRY.map((r) => ({
    name: r.name,
    description: r.description,
    parameters: r.options.map((o) => OPTION_PARAMS[o][0]),
    filters: rowFiltersOf(r.name),
  }));
  app.get(
    '/v1/reports',
    { schema: { tags: ['reports'], summary: 'every report, its parameters and filters' } },
    () => Promise.resolve({ reports: described }),
  );
  for (const report of REPORT_REGISTRY) {
    const filters = rowFiltersOf(report.name);
    const properties: Record<string, TSchema> = {};
    for (const option of report.options) {
      const [param, schema] = OPTION_PARAMS[option];
      properties[param] = schema;
    }
    for (const f of filters) properties[f] = ROW_FILTERS[f].schema;
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
      const rows = await reportRows(ctx, report.name, flags);
      const shown = filters.length ? rows.filter((r) => keep(r, filters, q)) : rows;
      return JSON.stringify({
        report: report.name,
        count: shown.length,
        rows: machineRows(shown),
      });
    };
  }
}
