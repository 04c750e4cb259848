import { sql, type SqlStatement } from './sql-statement.js';

export function explainConversionSql(conversionId: string): SqlStatement {
  return sql(
    `SELECT conversion_id, kind, level, value, occurred_at, person_id, account_id, conversation_id, segment, source, source_line
FROM conversions WHERE conversion_id = $1`,
    [conversionId],
  );
}

/** Every touch of the conversion's journey with its credit under each model (0 when it earned none). */
export function explainCreditsSql(conversionId: string): SqlStatement {
  return sql(
    `SELECT j.position, j.occurred_at, j.touchpoint_id, t.touchpoint_type, t.channel, t.campaign, j.is_direct,
       m.model, COALESCE(cr.fraction, 0) AS fraction
FROM journeys j
JOIN touchpoints t ON t.touchpoint_id = j.touchpoint_id
LEFT JOIN (SELECT DISTINCT model FROM credits) m ON TRUE
LEFT JOIN credits cr ON cr.conversion_id = j.conversion_id AND cr.touchpoint_id = j.touchpoint_id AND cr.model = m.model
WHERE j.conversion_id = $1
ORDER BY j.position, m.model`,
    [conversionId],
  );
}
