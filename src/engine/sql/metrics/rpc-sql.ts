import type { Dialect } from '../../dialect.js';
import { exactSumSql } from '../exact-sum-sql.js';
import { sql, type SqlStatement } from '../sql-statement.js';
import { conversationFilterSql, whereAll, type ReportFilter } from './conversation-filter-sql.js';
import { conversionKindSql } from './conversion-filter-sql.js';
import { dimensionGrouping } from './grouping-sets.js';

/** What RPC can be segmented by, and the column of conversation_economics (alias e) naming it. */
export const RPC_DIMENSIONS = {
  overall: null,
  conversation_type: 'e.conversation_type',
  channel: 'e.channel',
  product_category: 'e.product_category',
  segment: 'e.segment',
  hour_of_day: 'e.hour_of_day',
  day_of_week: 'e.day_of_week',
  flow: 'e.flow',
  agent: 'e.agent_id',
  brand: 'e.brand',
  intent: 'e.intent',
} as const;
export type RpcDimension = keyof typeof RPC_DIMENSIONS;

/** `WHERE e.model = '…'` for one model, nothing for all. */
export function modelFilter(d: Dialect, model: string | undefined, column = 'e.model'): string {
  return whereAll(modelIsSql(d, model, column));
}

/** `e.model = '…'` for one model, '' for all. */
export function modelIsSql(d: Dialect, model: string | undefined, column = 'e.model'): string {
  return model === undefined ? '' : `${column} = ${d.quoteLiteral(model)}`;
}

/** The economics rows (alias e) of one model or all, narrowed by the filter before grouping. */
export function economicsWhere(
  d: Dialect,
  model: string | undefined,
  filter: ReportFilter | undefined,
): string {
  return whereAll(modelIsSql(d, model), conversationFilterSql(d, filter, 'e'));
}

/**
 * The value credited to each conversation's touch by the conversions an `outcome` or
 * `value_kind` filter keeps, per model (alias k: model, conversation_id, value); null when the
 * filter names neither.
 */
function keptCreditsSql(d: Dialect, filter: ReportFilter | undefined): string | null {
  const kinds = conversionKindSql(d, filter);
  if (!kinds.length) return null;
  return `(SELECT cr.model, t.conversation_id, ${exactSumSql(d, 'cr.value')} AS value
   FROM credits cr JOIN touchpoints t ON t.touchpoint_id = cr.touchpoint_id
   JOIN conversions c ON c.conversion_id = cr.conversion_id
   WHERE t.touchpoint_type = 'conversation' AND ${kinds.join(' AND ')}
   GROUP BY cr.model, t.conversation_id)`;
}

/**
 * Per model and per value of each dimension: conversations and the sum of every value component,
 * of the pipeline credited beside them and of cost, from conversation_economics. Direct revenue
 * is what conversions of the revenue kind credited the conversation; with an `outcome` or
 * `value_kind` filter it is what the conversions of that outcome or kind credited it instead,
 * and the total follows it. Rates are left to the caller.
 */
export function rpcTotalsSql(
  d: Dialect,
  dims: readonly RpcDimension[],
  model: string | undefined,
  filter?: ReportFilter,
): SqlStatement {
  const g = dimensionGrouping(
    d,
    dims.map((name) => ({ name, expr: RPC_DIMENSIONS[name] })),
    ['model'],
  );
  const kept = keptCreditsSql(d, filter);
  const direct = kept === null ? 'e.direct_revenue' : 'COALESCE(k.value, 0)';
  const inner = [
    'e.model',
    `${direct} AS direct_revenue`,
    'e.cost_savings',
    'e.lead_value',
    'e.retention_value',
  ];
  inner.push(
    kept === null ? 'e.total_value' : `e.total_value - e.direct_revenue + ${direct} AS total_value`,
    'e.pipeline_value',
    'e.cost',
  );
  if (g.innerColumns) inner.push(g.innerColumns);
  const join =
    kept === null
      ? ''
      : `LEFT JOIN ${kept} k ON k.model = e.model AND k.conversation_id = e.conversation_id`;
  return sql(`SELECT model, ${g.outputColumns}, CAST(COUNT(*) AS INTEGER) AS conversations,
       ${exactSumSql(d, 'direct_revenue')} AS direct_revenue, ${exactSumSql(d, 'cost_savings')} AS cost_savings,
       ${exactSumSql(d, 'lead_value')} AS lead_value, ${exactSumSql(d, 'retention_value')} AS retention_value,
       ${exactSumSql(d, 'total_value')} AS total_value, ${exactSumSql(d, 'pipeline_value')} AS pipeline_value,
       ${exactSumSql(d, 'cost')} AS cost
FROM (SELECT ${inner.join(', ')} FROM conversation_economics e ${join} ${economicsWhere(d, model, filter)}) x
${g.groupBy}`);
}

/** Per model and conversation day: conversations, direct revenue and total value. */
export function rpcDailySql(
  d: Dialect,
  model: string | undefined,
  filter?: ReportFilter,
): SqlStatement {
  return sql(`SELECT e.model, e.day, CAST(COUNT(*) AS INTEGER) AS conversations,
       ${exactSumSql(d, 'e.direct_revenue')} AS direct_revenue, ${exactSumSql(d, 'e.total_value')} AS total_value
FROM conversation_economics e ${economicsWhere(d, model, filter)}
GROUP BY e.model, e.day`);
}

/** Every conversation's economics under one model or all, largest total value first. */
export function economicsRowsSql(
  d: Dialect,
  model: string | undefined,
  limit: number | undefined,
  filter?: ReportFilter,
): SqlStatement {
  return sql(`SELECT * FROM conversation_economics e ${economicsWhere(d, model, filter)}
ORDER BY e.total_value DESC, ${d.byteOrder('e.conversation_id')}, ${d.byteOrder('e.model')}${limit === undefined ? '' : ` LIMIT ${d.quoteLiteral(limit)}`}`);
}

/** How many conversations (of the filter's) there were and the first and last day they started on. */
export function conversationSpanSql(d: Dialect, filter?: ReportFilter): SqlStatement {
  return sql(`SELECT CAST(COUNT(*) AS INTEGER) AS conversations, MIN(f.day) AS first_day, MAX(f.day) AS last_day
FROM conversation_facts f ${whereAll(conversationFilterSql(d, filter, 'f'))}`);
}
