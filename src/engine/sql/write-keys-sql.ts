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

export function writeKeyByIdSql(keyId: string): SqlStatement {
  return sql('SELECT key_id, revoked_at FROM write_keys WHERE key_id = $1', [keyId]);
}

/** Marks a key revoked at `at` (epoch ms); its hash stays so the id keeps meaning something. */
export function revokeWriteKeySql(keyId: string, at: number): SqlStatement {
  const text = new Date(at).toISOString().replace('T', ' ').replace('Z', '');
  return sql(
    'UPDATE write_keys SET revoked_at = CAST($1 AS TIMESTAMP) WHERE key_id = $2 AND revoked_at IS NULL',
    [text, keyId],
  );
}

/** Keys not revoked, with their hashes: what a collector without the warehouse checks against. */
export function activeWriteKeysSql(): SqlStatement {
  return sql(
    'SELECT key_id, name, source, scopes, key_hash FROM write_keys WHERE revoked_at IS NULL ORDER BY key_id',
  );
}
