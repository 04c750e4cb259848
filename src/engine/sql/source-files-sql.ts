import { sql, type SqlStatement } from './sql-statement.js';

/** The last successful load of every file source. */
export function sourceFilesSql(): SqlStatement {
  return sql(
    `SELECT source, path, settings_digest, bytes, sha256, records FROM source_files ORDER BY source`,
  );
}

/** Forgets a source's last load, before the new one is recorded. */
export function forgetSourceFileSql(source: string): SqlStatement {
  return sql(`DELETE FROM source_files WHERE source = $1`, [source]);
}
