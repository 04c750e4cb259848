import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import type { ReportOption } from '../../pipeline/reports/metric-report.js';

// Shapes are strict on purpose: a value that cannot be what the report expects is refused with
// 400 before it gets near the warehouse; values that pass are still bound as parameters or
// quoted by the dialect further in.
const name = (description: string) =>
  Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$', maxLength: 64, description });
const list = (description: string) =>
  Type.String({ pattern: '^[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*$', maxLength: 256, description });
const numbers = (description: string) =>
  Type.String({
    pattern: '^-?[0-9]{1,12}(\\.[0-9]{1,9})?(,-?[0-9]{1,12}(\\.[0-9]{1,9})?)*$',
    maxLength: 256,
    description,
  });
// The format checks the calendar too: 2025-13-45 or 2025-02-30 is a bad request (400 naming the
// parameter), not a query the warehouse fails on.
const day = (description: string) =>
  Type.String({
    pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
    format: 'date',
    maxLength: 10,
    description,
  });
// No NUL: PostgreSQL text cannot hold one, so such a value names nothing and would fail as a bound
// parameter (500) instead of as the bad request it is.
const text = (description: string) =>
  Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\x00]+$', description });

/** The query parameter of each report option: the flag of `convrev report`, same text. */
export const OPTION_PARAMS: Readonly<Record<ReportOption, readonly [string, TSchema]>> = {
  model: ['model', name('attribution model (default: every model with credits)')],
  by: ['by', list('comma-separated dimensions or cohorts')],
  days: ['days', numbers('window(s) in days, comma-separated')],
  definition: ['definition', name('any, two_way, sales_handled, intent_qualified')],
  outcome: ['outcome', name('qualified_lead, opportunity_created, closed_won, order')],
  industry: ['industry', name('one industry of the benchmark table')],
  volume: ['volume', numbers('what-if: monthly conversations')],
  changes: ['change', numbers('what-if: RPC changes, comma-separated')],
  limit: ['limit', Type.String({ pattern: '^[0-9]{1,7}$', description: 'at most this many rows' })],
};

/**
 * The filters every report endpoint takes (a report applies those it can before it aggregates
 * and names the rest as ignored) and the row-level pages take where they apply.
 */
export const ROW_FILTERS = {
  from: { schema: day('first conversation day, yyyy-mm-dd (inclusive)') },
  to: { schema: day('last conversation day, yyyy-mm-dd (inclusive)') },
  channel: { schema: text('only conversations of this channel') },
  segment: { schema: text('only conversations of this customer segment') },
  conversation_type: { schema: text('only conversations of this type') },
  outcome: { schema: text('only conversions of this outcome (order, closed_won, …)') },
  value_kind: { schema: text('only conversions of this value kind (revenue, pipeline, savings)') },
} as const;

/** A strict query string schema: unknown parameters are refused, not dropped. */
export function strictQuery(properties: Record<string, TSchema>): TObject {
  return Type.Object(
    Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, Type.Optional(s)])),
    { additionalProperties: false },
  );
}

/** Page parameters of the row-level endpoints. */
export const PAGE_PARAMS = {
  limit: Type.String({ pattern: '^[0-9]{1,5}$', description: 'rows per page, 1 to 10000 (100)' }),
  cursor: Type.String({
    pattern: '^[0-9]{1,9}$',
    description: 'next_cursor of the previous page',
  }),
};

export const FILTER_PARAMS = {
  model: OPTION_PARAMS.model[1],
  from: ROW_FILTERS.from.schema,
  to: ROW_FILTERS.to.schema,
  channel: ROW_FILTERS.channel.schema,
  segment: ROW_FILTERS.segment.schema,
  conversation_type: ROW_FILTERS.conversation_type.schema,
  source: name('only dead letters of this source'),
};
