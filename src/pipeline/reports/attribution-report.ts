import { UserError } from '../../core/errors.js';
import type { Engine, Row } from '../../engine/engine.js';
import { sql } from '../../engine/sql/sql-statement.js';
import {
  ATTRIBUTION_DIMENSIONS,
  attributionReportSql,
  isAttributionDimension,
  type AttributionDimension,
} from '../../engine/sql/report-sql.js';

export interface AttributionReportRequest {
  readonly model: string;
  readonly by: readonly string[];
}

/** Credited conversions and value by the requested dimensions; unknown names are user errors. */
export async function attributionReport(
  engine: Engine,
  request: AttributionReportRequest,
): Promise<Row[]> {
  const models = await creditedModels(engine);
  if (!models.includes(request.model)) {
    const known = models.length ? models.join(', ') : 'none: the last run credited nothing';
    throw new UserError(`unknown model "${request.model}" (models with credits: ${known})`);
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

/** The models the credits table holds, by name. */
export async function creditedModels(engine: Engine): Promise<string[]> {
  const rows = await engine.query(sql('SELECT DISTINCT model FROM credits'));
  return rows.map((r) => String(r.model)).sort();
}
