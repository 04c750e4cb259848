import type { Dialect } from '../../dialect.js';
import { exactSumSql } from '../exact-sum-sql.js';
import { sql, type SqlStatement } from '../sql-statement.js';
import { doubleLiteral, modelsRelation } from './sql-fragments.js';

/** The resolved value parameters the economics are priced with (see core/metrics/conversation-value.ts). */
export interface EconomicsParameters {
  readonly agentCostPerTicket: number;
  readonly leadCloseRate: number;
  readonly averageDealValue: number;
  readonly consumerLeadValue: number;
  readonly retentionSaveRate: number;
}

/**
 * Per conversation and model: the revenue credited to the conversation's touch (conversions of
 * the revenue kind only), the estimated components (the SQL form of
 * core/metrics/conversation-value.ts), their total, the pipeline credited to it beside them (never
 * in the total: a won deal's pipeline was already counted as its revenue), cost, profit and ROI
 * in percent, profit / cost × 100 (NULL when the conversation cost nothing). Its product
 * category is that of the order that credited it most under the model (ties: conversion id by
 * bytes); none without an order.
 */
export function buildConversationEconomicsSql(
  d: Dialect,
  models: readonly string[],
  p: EconomicsParameters,
): SqlStatement {
  const n = (v: number) => doubleLiteral(d, v);
  const total = 'direct_revenue + cost_savings + lead_value + retention_value';
  return sql(`INSERT INTO conversation_economics
WITH credited AS (
  SELECT cr.model, t.conversation_id, cr.conversion_id, cr.value, c.value_kind
  FROM credits cr JOIN touchpoints t ON t.touchpoint_id = cr.touchpoint_id
  JOIN conversions c ON c.conversion_id = cr.conversion_id
  WHERE t.touchpoint_type = 'conversation'
),
direct AS (
  SELECT model, conversation_id,
         COALESCE(${exactSumSql(d, "CASE WHEN value_kind = 'revenue' THEN value END")}, 0) AS revenue,
         COALESCE(${exactSumSql(d, "CASE WHEN value_kind = 'pipeline' THEN value END")}, 0) AS pipeline
  FROM credited GROUP BY model, conversation_id
),
-- Order conversions are named 'order:' || order_id by the conversions stage.
categories AS (
  SELECT model, conversation_id, product_category FROM (
    SELECT c.model, c.conversation_id, o.product_category,
           ROW_NUMBER() OVER (PARTITION BY c.model, c.conversation_id
                              ORDER BY c.value DESC, ${d.byteOrder('c.conversion_id')}) AS n
    FROM credited c JOIN orders o ON c.conversion_id = 'order:' || o.order_id
  ) x WHERE n = 1
),
valued AS (
  SELECT m.model, f.conversation_id, f.started_at, f.day, f.hour_of_day, f.day_of_week, f.channel,
         f.conversation_type, f.flow, f.agent_id, f.brand, f.intent, f.segment, cat.product_category,
         COALESCE(dr.revenue, 0) AS direct_revenue, COALESCE(dr.pipeline, 0) AS pipeline_value,
         f.deflected_tickets * ${n(p.agentCostPerTicket)} AS cost_savings,
         CASE WHEN NOT f.new_lead THEN ${n(0)}
              WHEN f.account_id IS NOT NULL THEN ${n(p.leadCloseRate)} * ${n(p.averageDealValue)}
              ELSE ${n(p.consumerLeadValue)} END AS lead_value,
         CASE WHEN f.resolved_complaint THEN ${n(p.retentionSaveRate)} * f.customer_value ELSE ${n(0)} END AS retention_value,
         f.cost
  FROM conversation_facts f
  CROSS JOIN ${modelsRelation(d, models)} m
  LEFT JOIN direct dr ON dr.model = m.model AND dr.conversation_id = f.conversation_id
  LEFT JOIN categories cat ON cat.model = m.model AND cat.conversation_id = f.conversation_id
)
SELECT model, conversation_id, started_at, day, hour_of_day, day_of_week, channel, conversation_type,
       flow, agent_id, brand, intent, segment, product_category,
       direct_revenue, cost_savings, lead_value, retention_value, ${total}, pipeline_value, cost, ${total} - cost,
       CASE WHEN cost = 0 THEN NULL ELSE (${total} - cost) / cost * 100 END
FROM valued`);
}

/** Credited conversions and value per model, value kind, touch day, type, channel and campaign. */
export function buildCreditDaysSql(d: Dialect): SqlStatement {
  return sql(`INSERT INTO credit_days
SELECT cr.model, c.value_kind, CAST(t.occurred_at AS DATE), t.touchpoint_type, t.channel, t.campaign,
       ${exactSumSql(d, 'cr.fraction')}, ${exactSumSql(d, 'cr.value')}
FROM credits cr JOIN touchpoints t ON t.touchpoint_id = cr.touchpoint_id
JOIN conversions c ON c.conversion_id = cr.conversion_id
GROUP BY cr.model, c.value_kind, CAST(t.occurred_at AS DATE), t.touchpoint_type, t.channel, t.campaign`);
}
