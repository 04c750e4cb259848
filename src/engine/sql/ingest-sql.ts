import type { SourceKind } from '../../core/canonical/source-kinds.js';
import type { Dialect } from '../dialect.js';
import { landingTableName } from '../schema/table-spec.js';
import { sql, type SqlStatement } from './sql-statement.js';

/**
 * The stored keys among those staged under `stagingId`, with their content hash and batch.
 * Written as a semi-join so the small staged set is always the build side: inside a run's one
 * transaction DuckDB estimates the rows it appended as none and, for a plain join, would hash
 * all of record_keys for every batch (quadratic over a load). The build side's key range also
 * prunes record_keys' row groups when keys arrive roughly in order.
 */
export function storedKeysSql(stagingId: string): SqlStatement {
  return sql(
    `SELECT k.kind, k.record_key, k.record_hash, k.batch_id
FROM record_keys k
WHERE (k.kind, k.record_key) IN (
  SELECT s.kind, s.record_key FROM ingest_staging s WHERE s.staging_id = $1)`,
    [stagingId],
  );
}

export function clearStagingSql(stagingId: string): SqlStatement {
  return sql('DELETE FROM ingest_staging WHERE staging_id = $1', [stagingId]);
}

/** Deletes the landing rows of the entities staged under `stagingId` (they are being replaced). */
export function deleteReplacedRowsSql(
  d: Dialect,
  kind: SourceKind,
  idField: string,
  stagingId: string,
): SqlStatement {
  return sql(
    `DELETE FROM ${d.quoteIdentifier(landingTableName(kind))} WHERE ${d.quoteIdentifier(idField)} IN (
  SELECT record_key FROM ingest_staging WHERE staging_id = $1 AND kind = $2)`,
    [stagingId, kind],
  );
}

/** Deletes the record_keys rows of the keys staged under `stagingId` (a semi-join, as above). */
export function deleteReplacedKeysSql(stagingId: string): SqlStatement {
  return sql(
    `DELETE FROM record_keys WHERE (kind, record_key) IN (
  SELECT s.kind, s.record_key FROM ingest_staging s WHERE s.staging_id = $1)`,
    [stagingId],
  );
}
