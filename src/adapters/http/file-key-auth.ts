import { readFileSync, statSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import { UserError } from '../../core/errors.js';
import { hashKey, type WriteKey } from '../../pipeline/ingest/write-keys.js';
import { presentedKey, type KeyAuth } from './write-key-auth.js';

/** One entry of a collector's keys file: a key's SHA-256, never the key itself. */
export interface KeyFileEntry {
  readonly key_id: string;
  readonly name?: string;
  readonly source: string;
  readonly scopes: readonly string[];
  readonly sha256: string;
}

// A key removed from the file stops working within this long.
const RECHECK_MS = 10_000;

/**
 * Write keys from a JSON file (`convrev keys export`), for collectors that do not open the
 * warehouse: an array of {key_id, name, source, scopes, sha256}. The file is read again when it
 * changes (checked at most every 10 s); a broken rewrite keeps the keys read before.
 */
export function fileKeyAuth(file: string, onReloadError?: (error: Error) => void): KeyAuth {
  let keys = readKeyFile(file);
  let mtime = statSync(file).mtimeMs;
  let checkedAt = Date.now();
  const refresh = () => {
    if (Date.now() - checkedAt < RECHECK_MS) return;
    checkedAt = Date.now();
    try {
      const changed = statSync(file).mtimeMs;
      if (changed === mtime) return;
      keys = readKeyFile(file);
      mtime = changed;
    } catch (error) {
      onReloadError?.(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const authenticate = (request: FastifyRequest): Promise<WriteKey | null> => {
    refresh();
    const presented = presentedKey(request);
    return Promise.resolve(presented === null ? null : (keys.get(hashKey(presented)) ?? null));
  };
  return Object.assign(authenticate, { clear: () => (checkedAt = 0) });
}

/** Reads and checks a keys file; a bad entry is a UserError naming the file and its index. */
export function readKeyFile(file: string): Map<string, WriteKey> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`keys file ${file}: ${reason}`, { cause: error });
  }
  if (!Array.isArray(parsed))
    throw new UserError(`keys file ${file}: expected a JSON array of keys (convrev keys export)`);
  const keys = new Map<string, WriteKey>();
  parsed.forEach((entry: unknown, i) => {
    const e = (entry ?? {}) as Partial<Record<keyof KeyFileEntry, unknown>>;
    const scopes = Array.isArray(e.scopes) ? e.scopes.filter((s) => typeof s === 'string') : null;
    if (
      typeof e.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(e.sha256) ||
      typeof e.source !== 'string' ||
      !e.source ||
      typeof e.key_id !== 'string' ||
      scopes === null
    )
      throw new UserError(
        `keys file ${file}: entry [${i}] needs key_id, source, scopes (a list) and sha256 (64 hex digits)`,
      );
    keys.set(e.sha256, {
      keyId: e.key_id,
      name: typeof e.name === 'string' ? e.name : e.key_id,
      source: e.source,
      scopes,
    });
  });
  return keys;
}
