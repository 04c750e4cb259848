import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dropSchema,
  freshSchemaName,
  postgresUrlForTests,
} from '../support/postgres-test-server.js';
import { runCli } from '../support/run-cli.js';

const url = postgresUrlForTests('convrev on PostgreSQL');

/** The same commands against both engines, through the real `convrev` binary. */
describe.skipIf(url === null)(
  'convrev run, report, explain and export with --engine postgres',
  () => {
    const pgUrl = url ?? '';
    const dir = mkdtempSync(join(tmpdir(), 'convrev-cli-pg-'));
    const schema = freshSchemaName();
    const exported = freshSchemaName();
    const config = join(dir, 'convrev.yaml');
    const onPg = ['--engine', 'postgres', '--database-url', pgUrl];
    const json = (args: string[]) => {
      const r = runCli(args);
      expect(r.stderr).not.toMatch(/error/);
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout) as unknown;
    };

    beforeAll(() => {
      const file = (name: string, text: string) => writeFileSync(join(dir, name), text);
      file('accounts.csv', 'account_id,name,segment\nA,Acme,Ümlaut — 渠道\n');
      file(
        'contacts.csv',
        'contact_id,account_id,email\nc1,A,ann@acme.example\nc2,A,bob@acme.example\n',
      );
      file(
        'touches.csv',
        'touchpoint_id,occurred_at,channel,crm_contact_id\nm1,2026-01-10T09:00:00.125Z,"webinar; ""live""",c1\nm2,2026-02-01T09:00:00Z,outbound_call,c2\n',
      );
      file('opps.csv', 'opportunity_id,account_id,amount,created_at\nO1,A,900,2026-03-01\n');
      file(
        'convrev.yaml',
        `engine: { path: w.duckdb, memory_limit: 1GB, threads: 1, schema: ${schema} }
sources:
  - { name: accounts, kind: accounts, path: accounts.csv }
  - { name: contacts, kind: contacts, path: contacts.csv }
  - { name: touches, kind: touchpoints, path: touches.csv, constants: { touchpoint_type: marketing } }
  - { name: opportunities, kind: opportunities, path: opps.csv }
`,
      );
    });
    afterAll(async () => {
      for (const s of [schema, exported]) await dropSchema(pgUrl, s);
    });

    it('runs the same config on either engine, with the same reports and explanations', () => {
      const duck = runCli(['run', '--config', config]);
      expect(duck.status).toBe(0);
      const pg = runCli(['run', '--config', config, ...onPg]);
      expect(pg.stderr).toContain(`(schema ${schema})`);
      expect(pg.stderr).toContain('✓ credits');
      expect(pg.status).toBe(0);
      expect(pg.stdout).toBe(duck.stdout);
      for (const report of [
        ['report', 'attribution', '--by', 'channel,segment', '--format', 'json'],
        ['report', 'summary', '--format', 'json'],
        ['explain', 'conversion', 'opportunity_created:O1', '--format', 'json'],
      ]) {
        expect(json([...report, '--config', config, ...onPg])).toEqual(
          json([...report, '--config', config]),
        );
      }
      // Eight CLI processes, two of them whole runs: past the suite's default on a busy machine.
    }, 300_000);

    it('exports the DuckDB warehouse and reads the copy through CONVREV_DATABASE_URL', () => {
      const r = runCli([
        'export',
        '--to',
        pgUrl,
        '--schema',
        exported,
        '--db',
        join(dir, 'w.duckdb'),
      ]);
      expect(r.stderr).toContain('✓ credits');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/\ncredits +4\n/);
      expect(r.stdout).toMatch(/\nruns +1\n/);
      const report = ['report', 'attribution', '--model', 'first_touch', '--format', 'json'];
      const copy = runCli([...report, '--engine', 'postgres', '--schema', exported], undefined, {
        CONVREV_DATABASE_URL: pgUrl,
      });
      expect(copy.status).toBe(0);
      expect(JSON.parse(copy.stdout)).toEqual(json([...report, '--db', join(dir, 'w.duckdb')]));
      const again = runCli([
        'export',
        '--to',
        pgUrl,
        '--schema',
        exported,
        '--db',
        join(dir, 'w.duckdb'),
      ]);
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/already holds a warehouse .* --replace/);
    });

    it('never prints a password, and answers bad engine flags with one line', () => {
      const secret = runCli([
        'run',
        '--config',
        config,
        '--database-url',
        'postgres://convrev:s3cret-pw@127.0.0.1:1/none',
      ]);
      expect(secret.status).toBe(3);
      expect(secret.stderr).toContain('postgres://convrev:***@127.0.0.1:1/none');
      expect(secret.stderr + secret.stdout).not.toContain('s3cret');
      const kind = runCli(['report', 'summary', '--engine', 'oracle']);
      expect([kind.status, kind.stderr.trim()]).toEqual([
        2,
        'convrev: --engine oracle: give one of duckdb, postgres',
      ]);
      const both = runCli([
        'report',
        'summary',
        '--engine',
        'postgres',
        '--db',
        'x.duckdb',
        '--database-url',
        pgUrl,
      ]);
      expect(both.status).toBe(2);
      expect(both.stderr).toMatch(/--db names a DuckDB file/);
    });
  },
);
