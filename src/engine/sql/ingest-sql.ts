import type { SourceKind } from '../../core/canonical/source-kinds.js';
import type { Dialect } from '../dialect.js';
import { landingTableName } from '../schema/table-spec.js';
import { sql, type SqlStatement } from './sql-statement.js';

/** The stored keys among those staged under `stagingId`, with their content hash and batch. */
export function storedKeysSql(stagingId: string): SqlStatement {
  return sql(
    `SELECT k.kind, k.record_key, k.record_hash, k.batch_id
FROM ingest_staging s JOIN record_keys k ON k.kind = s.kind AND k.record_key = s.record_key
WHERE s.staging_id = $1`,
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

/** Deletes the record_keys rows of the keys staged under `stagingId`. */
export function deleteReplacedKeysSql(stagingId: string): SqlStatement {
  return sql(
    `DELETE FROM record_keys WHERE EXISTS (
  SELECT 1 FROM ingest_staging s
  WHERE s.staging_id = $1 AND s.kind = record_keys.kind AND s.record_key = record_keys.record_key)`,
    [stagingId],
  );
}
