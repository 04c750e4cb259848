import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { hashKey } from '../../pipeline/ingest/write-keys.js';
import { fileKeyAuth, readKeyFile } from './file-key-auth.js';

const dir = mkdtempSync(join(tmpdir(), 'convrev-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const request = (key: string) =>
  ({ headers: { authorization: `Bearer ${key}` } }) as FastifyRequest;
const entry = (key: string, source: string) => ({
  key_id: `key_${source}`,
  source,
  scopes: ['ingest'],
  sha256: hashKey(key),
});

describe('fileKeyAuth', () => {
  it('knows the keys of the file by their hashes, and forgets one removed from it', async () => {
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify([entry('cvk_a', 'web'), entry('cvk_b', 'shop')]));
    const auth = fileKeyAuth(file);
    expect(await auth(request('cvk_a'))).toMatchObject({ keyId: 'key_web', source: 'web' });
    expect(await auth(request('cvk_c'))).toBeNull();
    writeFileSync(file, JSON.stringify([entry('cvk_b', 'shop')]));
    utimesSync(file, new Date(), new Date(Date.now() + 5_000)); // a later mtime, whatever the clock
    auth.clear(); // as if the recheck interval had passed
    expect(await auth(request('cvk_a'))).toBeNull();
    expect(await auth(request('cvk_b'))).toMatchObject({ source: 'shop' });
  });

  it('refuses a file that is not a list of complete entries, naming the file and entry', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify([entry('cvk_a', 'web'), { key_id: 'k', source: 'x' }]));
    expect(() => readKeyFile(file)).toThrow(`keys file ${file}: entry [1] needs`);
    writeFileSync(file, '{"keys": []}');
    expect(() => readKeyFile(file)).toThrow('expected a JSON array');
    writeFileSync(file, '[');
    expect(() => readKeyFile(file)).toThrow(`keys file ${file}:`);
  });
});
