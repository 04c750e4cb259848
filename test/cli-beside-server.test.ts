import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type CollectorProcess } from './support/collector-process.js';
import { runCli, type CliResult } from './support/run-cli.js';
import { runCliAsync } from './support/run-cli-async.js';

// One small demo warehouse; every command is run on it directly first, then from another
// process while `convrev serve` holds the file, and the two outputs must be the same.
const dir = mkdtempSync(join(tmpdir(), 'convrev-beside-'));
const db = join(dir, 'w.duckdb');
const config = join(dir, 'data', 'convrev.yaml');
const stateFile = `${db}.serve.json`;
const keys = { admin: '', read: '', readId: '' };
let conversionId = '';
let email = '';

const COMMANDS: Record<string, readonly string[]> = {
  summary: ['report', 'summary'],
  attribution: ['report', 'attribution', '--by', 'channel,segment', '--format', 'csv'],
  explain: ['explain', 'conversion', '<conversion>'],
  quality: ['quality', '--format', 'csv'],
  deadletters: ['deadletters', 'list', '--all', '--format', 'json'],
  erase: ['erase', '--identifier', '<email>', '--dry-run', '-c', config],
};
const ADMIN = new Set(['erase']);

const argv = (args: readonly string[]) => [
  ...args.map((a) => (a === '<conversion>' ? conversionId : a === '<email>' ? email : a)),
  '--db',
  db,
];
const cli = (args: readonly string[], key?: string): CliResult =>
  runCli(argv(args), undefined, { CONVREV_API_KEY: key ?? '' });
// Through the server, commands may run side by side: it serialises their warehouse work.
const cliAsync = (args: readonly string[], key: string): Promise<CliResult> =>
  runCliAsync(argv(args), { CONVREV_API_KEY: key });

function ok(r: CliResult): string {
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

const direct: Record<string, string> = {};
let server: CollectorProcess | undefined;

beforeAll(() => {
  ok(runCli(['demo', '--scale', '1000', '--db', db, '--out', join(dir, 'data'), '--no-serve']));
  keys.admin = ok(cli(['keys', 'create', '--scope', 'admin'])).trim();
  const read = cli(['keys', 'create', '--scope', 'read']);
  keys.read = ok(read).trim();
  keys.readId = /key (key_[0-9a-f]+)/.exec(read.stderr)?.[1] ?? '';
  const contact = readFileSync(join(dir, 'data', 'contacts.csv'), 'utf8').split('\n')[1] ?? '';
  email = `email:${/[^,]+@[^,]+/.exec(contact)?.[0] ?? ''}`;
  // An order of the demo data (seed 42) with a journey.
  conversionId = 'order:ord_00000029';
  for (const [name, args] of Object.entries(COMMANDS)) direct[name] = ok(cli(args));
  expect(direct.explain).toContain(conversionId);
  direct.keys = ok(cli(['keys', 'list']));
}, 300_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

describe('the CLI beside convrev serve on DuckDB', () => {
  it(
    'goes through the server with CONVREV_API_KEY, printing what the direct path prints',
    { timeout: 300_000 },
    async () => {
      server = await startCollector(['--db', db, '-c', config]);
      const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number; url: string };
      expect(state.url).toBe(server.url);
      expect(state.pid).toBe(server.child.pid);

      // No key: one line saying what to do, the user-error code, never DuckDB's lock message.
      const bare = cli(COMMANDS.summary ?? []);
      expect(bare.status).toBe(2);
      expect(bare.stderr).toBe(
        `convrev: the warehouse is held by convrev serve at ${server.url} (pid ${state.pid}); set CONVREV_API_KEY to a read key, or stop the server\n`,
      );

      const names = Object.keys(COMMANDS);
      const through = await Promise.all(
        names.map((name) =>
          cliAsync(COMMANDS[name] ?? [], ADMIN.has(name) ? keys.admin : keys.read),
        ),
      );
      names.forEach((name, i) => expect(ok(through[i]!), name).toBe(direct[name]));
      expect(ok(cli(['keys', 'list'], keys.admin))).toBe(direct.keys);

      // A read key cannot do admin work; a command the API cannot serve says so in one line.
      const scoped = cli(['keys', 'list'], keys.read);
      expect(scoped.status).toBe(2);
      expect(scoped.stderr).toContain('lacks the admin scope: set it to an admin key');
      const replay = cli(['deadletters', 'replay', '--all'], keys.admin);
      expect(replay.status).toBe(2);
      expect(replay.stderr).toBe(
        `convrev: the warehouse is held by convrev serve at ${server.url} (pid ${state.pid}); this command needs the file itself: stop the server first\n`,
      );

      // A run asked of the server (POST /v1/admin/runs, polled to its end); the same inputs
      // give the same figures, which the server then answers afresh.
      const run = cli(['run', '-c', config], keys.admin);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/through convrev serve at .*, run [0-9a-f-]+\n/);
      expect(run.stdout).toContain('Attribution summary');
      expect(ok(cli(COMMANDS.summary ?? [], keys.read))).toBe(direct.summary);

      // Revoking through the server takes effect at once.
      expect(ok(cli(['keys', 'revoke', keys.readId], keys.admin))).toBe(`revoked ${keys.readId}\n`);
      const revoked = cli(COMMANDS.summary ?? [], keys.read);
      expect(revoked.status).toBe(2);
      expect(revoked.stderr).toContain('refuses the key in CONVREV_API_KEY');

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe('0');
      expect(existsSync(stateFile)).toBe(false);
    },
  );

  it('ignores and removes a state file whose server is gone', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(stateFile, JSON.stringify({ pid: gone, url: 'http://127.0.0.1:9' }));
    expect(ok(cli(COMMANDS.summary ?? []))).toBe(direct.summary);
    expect(existsSync(stateFile)).toBe(false);
  });
});
