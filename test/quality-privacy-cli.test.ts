import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { writeReportFile } from '../src/interfaces/cli/export/write-report-file.js';
import { REPORT_REGISTRY } from '../src/interfaces/cli/report-registry.js';
import { traces } from './support/each-engine.js';
import { runCli } from './support/run-cli.js';
import { runCliAsync } from './support/run-cli-async.js';

/** The demo through the CLI: a breach alerts a real webhook; an erasure leaves no trace anywhere. */
describe('convrev run --strict, quality, erase on the demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convrev-quality-cli-'));
  const db = join(dir, 'w.duckdb');
  const config = join(dir, 'data', 'convrev.yaml');
  const received: { body: string; type: string | undefined }[] = [];
  let server: Server;
  let run: Awaited<ReturnType<typeof runCliAsync>>;

  const query = async (text: string) => {
    const engine = await openEngine({ kind: 'duckdb', path: db, memoryLimit: '1GB', threads: 1 });
    try {
      return await engine.query(sql(text));
    } finally {
      await engine.close();
    }
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (d: string) => (body += d));
      req.on('end', () => {
        received.push({ body, type: req.headers['content-type'] });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const g = runCli(['generate', '--scale', '1500', '--out', join(dir, 'data')]);
    expect(g.status, g.stderr).toBe(0);
    // Every conversation participant must be a CRM contact: the demo's shoppers are not.
    appendFileSync(
      config,
      `\nquality:\n  match_rates:\n    participants_to_contacts: { fail: 0.99 }\n  alerts:\n    webhooks: ["http://127.0.0.1:${port}/hook"]\n`,
    );
    run = await runCliAsync(['run', '--config', config, '--db', db, '--strict']);
  }, 180_000);
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('alerts the webhook with a JSON body and exits 5 on a breach under --strict', () => {
    expect(run.status, run.stderr).toBe(5);
    expect(received).toHaveLength(1);
    expect(received[0]?.type).toBe('application/json');
    const body = JSON.parse(received[0]?.body ?? '{}') as {
      event: string;
      run_id: string;
      counts: { fail: number };
      breaches: { check: string; subject: string; status: string }[];
    };
    expect(body.event).toBe('convrev.quality.breach');
    expect(body.counts.fail).toBeGreaterThan(0);
    expect(body.breaches).toContainEqual(
      expect.objectContaining({
        check: 'match_rate',
        subject: 'participants_to_contacts',
        status: 'fail',
      }),
    );
    // The log line names the breach and carries no personal data.
    const line = run.stderr.split('\n').find((l) => l.includes('quality breach'));
    expect(line).toBeDefined();
    expect(line).not.toMatch(/@/);
  });

  it('convrev quality prints the latest run, and --strict exits 5', () => {
    const json = runCli(['quality', '--db', db, '--format', 'json']);
    expect(json.status, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as { check_name: string; status: string }[];
    expect(rows[0]?.status).toBe('fail');
    expect(new Set(rows.map((r) => r.check_name))).toEqual(
      new Set([
        'schema_violations',
        'freshness',
        'volume',
        'lag',
        'unique_ids',
        'null_fields',
        'referential_integrity',
        'touches_in_window',
        'match_rate',
        'drift',
        'revenue_reconciliation',
      ]),
    );
    expect(runCli(['quality', '--db', db, '--strict', '--failures']).status).toBe(5);
    const csv = runCli(['quality', '--db', db, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe(
      'run_id,checked_at,check_name,subject,measured,threshold,status,detail',
    );
  });

  it('erases a person from every table and every export, for good', async () => {
    // A shopper with a conversation and an order: their email, every identifier of theirs.
    const [who] = await query(`SELECT i.identifier_value AS email, i.person_id FROM identifiers i
      WHERE i.identifier_type = 'email'
        AND EXISTS (SELECT 1 FROM conversions c WHERE c.person_id = i.person_id AND c.kind = 'order')
        AND EXISTS (SELECT 1 FROM touchpoints t WHERE t.person_id = i.person_id AND t.touchpoint_type = 'conversation')
      ORDER BY i.identifier_value LIMIT 1`);
    const email = String(who?.email);
    const theirs = await query(
      `SELECT identifier_value FROM identifiers WHERE person_id = '${String(who?.person_id)}'`,
    );
    const needles = theirs.map((r) => String(r.identifier_value));
    expect(needles).toContain(email);

    const dry = runCli([
      'erase',
      '--identifier',
      `email:${email.toUpperCase()}`,
      '--config',
      config,
      '--db',
      db,
      '--dry-run',
      '--linked',
      '--format',
      'json',
    ]);
    expect(dry.status, dry.stderr).toBe(0);
    // Linked persons (if any) are named by person id only, and nothing changed.
    expect(dry.stderr).toMatch(
      /dry run: \d+ rows in \d+ tables would go \(\d+ persons\); nothing changed/,
    );
    expect(dry.stderr.toLowerCase()).not.toContain(email.toLowerCase());
    const would = JSON.parse(dry.stdout) as { table: string; rows: number }[];
    expect(would.map((t) => t.table)).toEqual(
      expect.arrayContaining([
        'identifiers',
        'conversations',
        'orders',
        'touchpoints',
        'conversions',
      ]),
    );

    const erase = runCli([
      'erase',
      '--identifier',
      `email:${email}`,
      '--config',
      config,
      '--db',
      db,
      '--by',
      'dpo',
    ]);
    expect(erase.status, erase.stderr).toBe(0);
    expect(erase.stderr).toMatch(/aggregates recomputed/);
    const engine = await openEngine({ kind: 'duckdb', path: db, memoryLimit: '1GB', threads: 1 });
    try {
      expect(await traces(engine, needles)).toEqual([]);
    } finally {
      await engine.close();
    }
    const [audit] = await query('SELECT requested_by, identifier_type FROM erasure_audit');
    expect(audit).toEqual({ requested_by: 'dpo', identifier_type: 'email' });

    // Every report through the export path of `convrev report NAME --out` (in this process:
    // one CLI start per report would be most of the suite's time), and one through the CLI.
    const cli = runCli(['report', 'rpc', '--db', db, '--out', join(dir, 'rpc-cli.csv')]);
    expect(cli.status, cli.stderr).toBe(0);
    // One engine for every export, as a long-lived process (the server) has.
    const exporter = await openEngine({ kind: 'duckdb', path: db, memoryLimit: '1GB', threads: 1 });
    try {
      for (const report of REPORT_REGISTRY) {
        const out = join(dir, `${report.name}.csv`);
        await writeReportFile(
          exporter,
          await report.prepare(exporter, { out, format: 'table' }),
          out,
        );
      }
    } finally {
      await exporter.close();
    }
    for (const name of ['rpc-cli', ...REPORT_REGISTRY.map((r) => r.name)]) {
      const text = readFileSync(join(dir, `${name}.csv`), 'utf8').toLowerCase();
      expect(text.length, name).toBeGreaterThan(0);
      for (const n of needles)
        expect(text.includes(n.toLowerCase()), `${name} holds ${n}`).toBe(false);
    }

    // Running again on the same files brings nothing of theirs back.
    const again = runCli(['run', '--config', config, '--db', db]);
    expect(again.status, again.stderr).toBe(0);
    const engine2 = await openEngine({ kind: 'duckdb', path: db, memoryLimit: '1GB', threads: 1 });
    try {
      expect(await traces(engine2, needles)).toEqual([]);
    } finally {
      await engine2.close();
    }
  }, 300_000);
});

describe('convrev run with privacy.hash_pii', () => {
  it('takes the salt from CONVREV_PII_SALT, and refuses to run without it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convrev-pii-cli-'));
    const config = join(dir, 'data', 'convrev.yaml');
    expect(runCli(['generate', '--scale', '1000', '--out', join(dir, 'data')]).status).toBe(0);
    appendFileSync(config, '\nprivacy:\n  hash_pii: true\n');
    const db = join(dir, 'w.duckdb');
    const refused = runCli(['run', '--config', config, '--db', db], undefined, {
      CONVREV_PII_SALT: '',
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/CONVREV_PII_SALT/);
    const run = runCli(['run', '--config', config, '--db', db], undefined, {
      CONVREV_PII_SALT: 'a-long-secret',
    });
    expect(run.status, run.stderr).toBe(0);
  }, 120_000);
});
