import { UserError } from '../../core/errors.js';
import type { Engine, Row } from '../../engine/engine.js';
import type { ReportFilter } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { isFiltered } from './report-filter.js';
import {
  ATTRIBUTION_DIMENSIONS,
  attributionReportSql,
  compareAttributionSql,
  storedAttributionTotalSql,
  isAttributionDimension,
  type AttributionDimension,
} from '../../engine/sql/report-sql.js';

export interface AttributionReportRequest {
  readonly model: string;
  readonly by: readonly string[];
  /** Conversions' days and segment, credited touches' channel and conversation type. */
  readonly filter?: ReportFilter;
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
  const by = dimensions(request.by);
  // The model's whole credit is stored by the summary stage, from the same credits: read it
  // rather than sum every credit row again (the overview asks for it first after each run).
  if (by.length === 0 && !isFiltered(request.filter))
    return engine.query(storedAttributionTotalSql(engine.dialect, request.model));
  return engine.query(attributionReportSql(engine.dialect, request.model, by, request.filter));
}

export interface ComparisonRequest {
  /** The models to set side by side, in this order; empty for every model with credits. */
  readonly models: readonly string[];
  readonly by: readonly string[];
  readonly filter?: ReportFilter;
}

/** Credited value by the requested dimensions with one column per model, side by side. */
export async function compareAttribution(
  engine: Engine,
  request: ComparisonRequest,
): Promise<Row[]> {
  const known = await creditedModels(engine);
  const unknown = request.models.filter((m) => !known.includes(m));
  if (unknown.length)
    throw new UserError(
      `unknown model "${unknown.join('", "')}" (models with credits: ${known.join(', ') || 'none'})`,
    );
  const models = request.models.length ? [...new Set(request.models)] : known;
  if (models.length === 0) return [];
  return engine.query(
    compareAttributionSql(engine.dialect, models, dimensions(request.by), request.filter),
  );
}

function dimensions(names: readonly string[]): AttributionDimension[] {
  const by: AttributionDimension[] = [];
  for (const name of names) {
    if (!isAttributionDimension(name)) {
      throw new UserError(
        `cannot group by "${name}" (dimensions: ${Object.keys(ATTRIBUTION_DIMENSIONS).join(', ')})`,
      );
    }
    if (!by.includes(name)) by.push(name);
  }
  return by;
}

/** The models the credits table holds, by name. */
export async function creditedModels(engine: Engine): Promise<string[]> {
  const rows = await engine.query(sql('SELECT DISTINCT model FROM credits'));
  return rows.map((r) => String(r.model)).sort();
}
