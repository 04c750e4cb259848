import { createHash, randomBytes } from 'node:crypto';
import type { Engine } from '../../engine/engine.js';
import {
  revokeWriteKeySql,
  writeKeyByHashSql,
  writeKeyByIdSql,
} from '../../engine/sql/write-keys-sql.js';

export const KEY_SCOPES = ['ingest', 'read', 'admin'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

/** A key that was found and is not revoked. */
export interface WriteKey {
  readonly keyId: string;
  readonly name: string;
  /** The source name records sent with this key are stored under. */
  readonly source: string;
  readonly scopes: readonly string[];
}

/** Whether a key may do what `scope` allows: admin implies every scope. */
export function hasScope(key: WriteKey, scope: KeyScope): boolean {
  return key.scopes.includes(scope) || key.scopes.includes('admin');
}

/** Revokes a key; false when no key has this id or it was revoked already. */
export async function revokeWriteKey(
  engine: Engine,
  keyId: string,
  at = Date.now(),
): Promise<boolean> {
  const [row] = await engine.query(writeKeyByIdSql(keyId));
  if (!row || row.revoked_at !== null) return false;
  await engine.execute(revokeWriteKeySql(keyId, at));
  return true;
}

/** Only this hash of a key is stored: a leaked database does not leak working keys. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Creates a key; its plain text is returned this once and never stored. */
export async function createWriteKey(
  engine: Engine,
  options: { name: string; source: string; scopes: readonly KeyScope[] },
): Promise<{ keyId: string; key: string }> {
  const key = `cvk_${randomBytes(24).toString('base64url')}`;
  const keyId = `key_${randomBytes(6).toString('hex')}`;
  await engine.append('write_keys', [
    [keyId, hashKey(key), options.name, options.source, options.scopes.join(','), Date.now(), null],
  ]);
  return { keyId, key };
}

/** The key a request presents, if it exists and is not revoked. */
export async function findWriteKey(engine: Engine, key: string): Promise<WriteKey | null> {
  const [row] = await engine.query(writeKeyByHashSql(hashKey(key)));
  if (!row || row.revoked_at !== null) return null;
  return {
    keyId: String(row.key_id),
    name: String(row.name),
    source: String(row.source),
    scopes: String(row.scopes).split(',').filter(Boolean),
  };
}
