import type { ConversionDefinition } from '../../core/attribution/conversion-definition.js';
import type { Dialect } from '../dialect.js';
import { conversationJoinSql, eligibleTouchSql, needsConversation } from './eligible-touch-sql.js';
import { sql, type SqlStatement } from './sql-statement.js';

export function explainConversionSql(conversionId: string): SqlStatement {
  return sql(
    `SELECT conversion_id, kind, definition, level, value, occurred_at, person_id, account_id, conversation_id, linked_by, segment, source, source_line
FROM conversions WHERE conversion_id = $1`,
    [conversionId],
  );
}

/** The stored definition of a conversion's definition (see record-attribution-settings.ts). */
export function explainDefinitionSql(name: string): SqlStatement {
  return sql(
    'SELECT name, outcome, event_type, level, value, lookback_days, cycle, eligible FROM conversion_definitions WHERE name = $1',
    [name],
  );
}

/**
 * The conversion of the same definition and key just before this one (time, then id by bytes):
 * under `next_only`, touches at or before it were its.
 */
export function previousConversionSql(
  d: Dialect,
  c: { id: string; definition: string; key: 'person_id' | 'account_id'; keyValue: string },
): SqlStatement {
  return sql(
    `SELECT conversion_id, occurred_at FROM conversions p
WHERE p.definition = $1 AND p.${c.key} = $2 AND p.conversion_id <> $3
  AND (p.occurred_at < (SELECT occurred_at FROM conversions WHERE conversion_id = $3)
       OR (p.occurred_at = (SELECT occurred_at FROM conversions WHERE conversion_id = $3)
           AND ${d.byteOrder('p.conversion_id')} < ${d.byteOrder('$3')}))
ORDER BY p.occurred_at DESC, ${d.byteOrder('p.conversion_id')} DESC LIMIT 1`,
    [c.definition, c.keyValue, c.id],
  );
}

/** Every touch of the conversion's journey with its credit under each model (0 when it earned none). */
export function explainCreditsSql(conversionId: string): SqlStatement {
  return sql(
    `SELECT j.position, j.occurred_at, j.touchpoint_id, t.touchpoint_type, t.channel, t.campaign, j.is_direct, j.link,
       j.lead_milestone, j.opportunity_milestone, m.model, COALESCE(cr.fraction, 0) AS fraction
FROM journeys j
JOIN touchpoints t ON t.touchpoint_id = j.touchpoint_id
LEFT JOIN (SELECT DISTINCT model FROM credits) m ON TRUE
LEFT JOIN credits cr ON cr.conversion_id = j.conversion_id AND cr.touchpoint_id = j.touchpoint_id AND cr.model = m.model
WHERE j.conversion_id = $1
ORDER BY j.position, m.model`,
    [conversionId],
  );
}

export const EXCLUSION_REASONS = {
  after: 'after the conversion',
  window: 'outside the window',
  consumed: 'consumed by an earlier conversion (next_only)',
  ineligible: 'ineligible by filter',
} as const;

/**
 * Every touch of the conversion's person (or account) that is not in its journey, with why: after
 * the conversion, before its window, at or before the previous conversion under `next_only`
 * (`previousAt`), or refused by the definition's filters, in that order of precedence.
 */
export function explainExclusionsSql(
  d: Dialect,
  conversionId: string,
  def: ConversionDefinition,
  previousAt: Date | null,
): SqlStatement {
  const key = def.level === 'account' ? 'account_id' : 'person_id';
  const windowStart = d.minusDays('c.occurred_at', d.quoteLiteral(def.lookbackDays));
  const r = EXCLUSION_REASONS;
  const lit = (s: string) => d.quoteLiteral(s);
  return sql(
    `SELECT t.touchpoint_id, t.occurred_at, t.touchpoint_type, t.channel, t.campaign,
       CASE WHEN t.occurred_at > c.occurred_at THEN ${lit(r.after)}
            WHEN t.occurred_at < ${windowStart} THEN ${lit(`${r.window} (${def.lookbackDays} days)`)}
            WHEN CAST($2 AS TIMESTAMP) IS NOT NULL AND t.occurred_at <= CAST($2 AS TIMESTAMP) THEN ${lit(r.consumed)}
            WHEN NOT COALESCE(${eligibleTouchSql(d, def.eligible)}, FALSE) THEN ${lit(r.ineligible)}
       END AS reason
FROM conversions c
JOIN touchpoints t ON t.${key} = c.${key}
${needsConversation(def.eligible) ? conversationJoinSql() : ''}
WHERE c.conversion_id = $1
  AND t.touchpoint_id NOT IN (SELECT touchpoint_id FROM journeys WHERE conversion_id = $1)
ORDER BY t.occurred_at, ${d.byteOrder('t.touchpoint_id')}`,
    [
      conversionId,
      previousAt === null ? null : previousAt.toISOString().replace('T', ' ').replace('Z', ''),
    ],
  );
}
