import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { runCliAsync } from './support/run-cli-async.js';

const root = join(import.meta.dirname, '..');

describe('convrev keys', () => {
  it('creates keys of a scope, lists them without secrets and revokes them', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'convrev-keys-')), 'w.duckdb');
    const created = runCli(['keys', 'create', '--scope', 'read', '--name', 'dash', '--db', db]);
    expect(created.status, created.stderr).toBe(0);
    const key = created.stdout.trim();
    const id = /key (key_[0-9a-f]+)/.exec(created.stderr)?.[1] ?? '';
    expect(id).not.toBe('');
    const listed = runCli(['keys', 'list', '--db', db]);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).not.toContain(key);
    expect(runCli(['keys', 'create', '--scope', 'write', '--db', db]).status).toBe(2);
    expect(runCli(['keys', 'revoke', id, '--db', db]).status).toBe(0);
    const again = runCli(['keys', 'revoke', id, '--db', db]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('no active key');
  });
});

describe('convrev demo without --no-serve', () => {
  it('serves the dashboard on the demo data, prints its URL and a read key, stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convrev-demo-serve-'));
    const child = spawn(
      process.execPath,
      [
        join(root, 'bin', 'convrev.js'),
        'demo',
        '--scale',
        '1000',
        '--db',
        join(dir, 'w.duckdb'),
        '--out',
        join(dir, 'data'),
        '--port',
        '0',
      ],
      {
        cwd: root,
        env: { ...process.env, CONVREV_FROM_SOURCE: '1', CONVREV_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const printed = await new Promise<{ url: string; key: string; next: string }>(
        (resolve, reject) => {
          let [url, key] = ['', ''];
          const timer = setTimeout(() => reject(new Error('demo did not start serving')), 110_000);
          createInterface({ input: child.stdout }).on('line', (line) => {
            url = /^Dashboard: (\S+)\/ /.exec(line)?.[1] ?? url;
            key = /^Read key:\s+(\S+)/.exec(line)?.[1] ?? key;
            const next = /^\s+convrev (report .*)$/.exec(line)?.[1];
            if (key && next) {
              clearTimeout(timer);
              resolve({ url, key, next });
            }
          });
        },
      );
      // The "Next:" command the serving demo prints works beside it, through its API.
      const next = await runCliAsync(printed.next.split(' '), { CONVREV_API_KEY: printed.key });
      expect(next.status, next.stderr).toBe(0);
      expect(next.stdout).toContain('segment');
      expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const overview = await fetch(`${printed.url}/v1/overview`, {
        headers: { authorization: `Bearer ${printed.key}` },
      });
      expect(overview.status).toBe(200);
      expect(((await overview.json()) as { empty: boolean }).empty).toBe(false);
      expect((await fetch(`${printed.url}/v1/overview`)).status).toBe(401);
      expect((await fetch(`${printed.url}/`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
