import type { Engine, Row } from '../../engine/engine.js';
import { latestQualityResultsSql } from '../../engine/sql/quality/quality-results-sql.js';

/** The latest run's quality results, fails first, then warnings, then passes. */
export function readQualityResults(engine: Engine): Promise<Row[]> {
  return engine.query(latestQualityResultsSql());
}
