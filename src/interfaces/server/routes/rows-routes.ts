import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Dialect } from '../../../engine/dialect.js';
import {
  conversationsPageSql,
  creditsPageSql,
  deadLettersPageSql,
  type Page,
  type RowFilters,
} from '../../../engine/sql/read-api-sql.js';
import type { SqlStatement } from '../../../engine/sql/sql-statement.js';
import { UserError } from '../../../core/errors.js';
import type { ApiContext } from '../api-context.js';
import { machineRows } from '../machine-rows.js';
import { FILTER_PARAMS, PAGE_PARAMS, strictQuery } from '../query-schemas.js';

type Query = Readonly<Record<string, string | undefined>>;
type PageSql = (d: Dialect, f: RowFilters, page: Page) => SqlStatement;

const MAX_PAGE = 10_000;

function pageOf(q: Query): Page {
  const limit = q.limit === undefined ? 100 : Number(q.limit);
  if (limit < 1 || limit > MAX_PAGE)
    throw new UserError(`limit ${q.limit}: give 1 to ${MAX_PAGE} rows per page`);
  return { limit, offset: q.cursor === undefined ? 0 : Number(q.cursor) };
}

function filtersOf(q: Query, names: readonly string[]): RowFilters {
  const pick = (k: string) => (names.includes(k) ? q[k] : undefined);
  const entries = {
    model: pick('model'),
    from: pick('from'),
    to: pick('to'),
    channel: pick('channel'),
    segment: pick('segment'),
    conversationType: pick('conversation_type'),
    source: pick('source'),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

/**
 * Row-level endpoints, a page at a time: `limit` rows (100; at most 10,000) and `next_cursor`
 * to pass as `cursor` for the next page (null after the last). Filters are bound as parameters.
 */
export function rowsRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const route = (path: string, summary: string, filters: readonly string[], build: PageSql) => {
    const properties: Record<string, TSchema> = { ...PAGE_PARAMS };
    for (const f of filters) properties[f] = FILTER_PARAMS[f as keyof typeof FILTER_PARAMS];
    app.get(
      path,
      { schema: { tags: ['rows'], summary, querystring: strictQuery(properties) } },
      async (request) => {
        const q = request.query as Query;
        const page = pageOf(q);
        // One row past the page says whether another page follows.
        const rows = await ctx.serial.run(() =>
          ctx.engine.query(
            build(ctx.engine.dialect, filtersOf(q, filters), { ...page, limit: page.limit + 1 }),
          ),
        );
        const more = rows.length > page.limit;
        return {
          rows: machineRows(rows.slice(0, page.limit)),
          next_cursor: more ? String(page.offset + page.limit) : null,
        };
      },
    );
  };
  route(
    '/v1/conversations',
    'per-conversation economics (revenue by component, cost, profit, ROI), largest value first',
    ['model', 'from', 'to', 'channel', 'segment', 'conversation_type'],
    conversationsPageSql,
  );
  route(
    '/v1/credits',
    'credits of every model, with the credited touch (channel, day: from/to)',
    ['model', 'from', 'to', 'channel'],
    creditsPageSql,
  );
  route(
    '/v1/dead-letters',
    'dead letters, newest first, with their reasons (payloads stay in the warehouse)',
    ['source', 'from', 'to'],
    deadLettersPageSql,
  );
}
