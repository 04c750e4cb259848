import { sql, type SqlStatement } from './sql-statement.js';

/** The key with this SHA-256 hash, revoked or not. */
export function writeKeyByHashSql(hash: string): SqlStatement {
  return sql(
    'SELECT key_id, name, source, scopes, revoked_at FROM write_keys WHERE key_hash = $1',
    [hash],
  );
}

export function listWriteKeysSql(): SqlStatement {
  return sql(
    'SELECT key_id, name, source, scopes, created_at, revoked_at FROM write_keys ORDER BY created_at, key_id',
  );
}
