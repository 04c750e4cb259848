import type { FastifyRequest } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import type { Serial } from '../../pipeline/ingest/serial.js';
import { findWriteKey, type WriteKey } from '../../pipeline/ingest/write-keys.js';

/** The key a request presents; `clear` forgets cached lookups (after a key is revoked here). */
export type KeyAuth = ((request: FastifyRequest) => Promise<WriteKey | null>) & {
  clear(): void;
};

// A revoked key stops working within this long; every request need not read the table.
const CACHE_MS = 10_000;

/**
 * The write key of a request: `Authorization: Bearer KEY`, HTTP Basic with the key as user name
 * (what Segment's SDKs send), or `X-Write-Key`. Lookups are cached briefly and run through the
 * engine's serial queue.
 */
export function writeKeyAuth(engine: Engine, serial: Serial): KeyAuth {
  const cache = new Map<string, { key: WriteKey | null; at: number }>();
  const authenticate = async (request: FastifyRequest): Promise<WriteKey | null> => {
    const presented = presentedKey(request);
    if (presented === null) return null;
    const hit = cache.get(presented);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.key;
    const key = await serial.run(() => findWriteKey(engine, presented));
    if (cache.size > 10_000) cache.clear();
    cache.set(presented, { key, at: Date.now() });
    return key;
  };
  return Object.assign(authenticate, { clear: () => cache.clear() });
}

/** The key a request presents, from whichever header carries it; null when none does. */
export function presentedKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization ?? '';
  const [scheme = '', value = ''] = header.split(' ', 2);
  if (scheme.toLowerCase() === 'bearer' && value) return value.trim();
  if (scheme.toLowerCase() === 'basic' && value) {
    const user = Buffer.from(value, 'base64').toString('utf8').split(':')[0] ?? '';
    return user || null;
  }
  const x = request.headers['x-write-key'];
  return typeof x === 'string' && x ? x : null;
}
