import { isRuleModel, RULE_MODELS } from '../../core/attribution/rule-models.js';
import { UserError } from '../../core/errors.js';
import type { Engine, Row } from '../../engine/engine.js';
import {
  ATTRIBUTION_DIMENSIONS,
  attributionReportSql,
  isAttributionDimension,
  type AttributionDimension,
} from '../../engine/sql/report-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';

export interface AttributionReportRequest {
  readonly model: string;
  readonly by: readonly string[];
}

/** Credited conversions and value by the requested dimensions; unknown names are user errors. */
export async function attributionReport(
  engine: Engine,
  request: AttributionReportRequest,
): Promise<Row[]> {
  // Rule models are always known; data-driven ones (markov, shapley_path, …) once they have credits.
  if (!isRuleModel(request.model)) {
    const credited = (
      await engine.query(sql('SELECT DISTINCT model FROM credits ORDER BY model'))
    ).map((r) => String(r.model));
    if (!credited.includes(request.model)) {
      const known = [...new Set([...RULE_MODELS, ...credited])];
      throw new UserError(`unknown model "${request.model}" (models: ${known.join(', ')})`);
    }
  }
  const by: AttributionDimension[] = [];
  for (const name of request.by) {
    if (!isAttributionDimension(name)) {
      throw new UserError(
        `cannot group by "${name}" (dimensions: ${Object.keys(ATTRIBUTION_DIMENSIONS).join(', ')})`,
      );
    }
    if (!by.includes(name)) by.push(name);
  }
  return engine.query(attributionReportSql(engine.dialect, request.model, by));
}
