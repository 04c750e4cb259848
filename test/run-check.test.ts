import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { SourceProblemsError } from '../src/pipeline/ingest/check-files.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { runCli } from './support/run-cli.js';

/**
 * Four sources, three of them bad in different ways at once: rows that do not parse (more of
 * them than the per-source limit), a mapping to a column the header lacks, a file that is not
 * there. `run --check` and a failing `run` both name every one; neither touches the warehouse.
 */
describe('all problems of all sources in one pass', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convrev-check-'));
  const file = (name: string, text: string) => writeFileSync(join(dir, name), text);
  const badOrders = Array.from({ length: 25 }, (_, i) => `o${i},2026-02-30,5\n`).join('');
  file('orders.csv', `order_id,placed_at,total\no-ok,2026-01-01,5\n${badOrders}o-x,2026-01-02,x\n`);
  file('contacts.csv', 'contact_id,mail\nc1,a@b.example\n');
  file('tickets.csv', 'ticket_id,created_at\nt1,2026-01-01T00:00:00Z\n');
  const config = join(dir, 'c.yaml');
  writeFileSync(
    config,
    `engine: { path: w.duckdb, memory_limit: 1GB, threads: 1 }
sources:
  - { name: tickets, kind: tickets, path: tickets.csv }
  - { name: orders, kind: orders, path: orders.csv, mapping: { amount: total } }
  - { name: contacts, kind: contacts, path: contacts.csv, mapping: { email: email_address } }
  - { name: spend, kind: spend, path: spend.csv }
`,
  );

  it('run --check prints every source’s problems, 20 each and a count of the rest, and exits 2 without a warehouse', () => {
    const r = runCli(['run', '--check', '-c', config]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('28 problems in 3 sources');
    expect(r.stderr).toMatch(/source orders \(.*orders\.csv\): 26 problems/);
    expect(r.stderr).toMatch(/source orders, file .*orders\.csv, row 3, column placed_at/);
    expect(r.stderr).toContain('… and 6 more');
    expect(r.stderr).toMatch(/source contacts .*: 1 problem\n.*column email_address/);
    expect(r.stderr).toMatch(/source spend .*: 1 problem\n.*spend\.csv: the file does not exist/);
    expect(r.stderr).not.toContain('source tickets');
    expect(existsSync(join(dir, 'w.duckdb'))).toBe(false);
  });

  it('a failing run reports the problems of every source and leaves the warehouse as it was', async () => {
    const c = await loadConfig(config, { engine: { kind: 'duckdb', path: ':memory:' } });
    if (c.engine.kind !== 'duckdb') throw new Error('duckdb expected');
    const engine = await openEngine(c.engine);
    try {
      const error = await runPipeline(engine, c, { open: openSourceFile }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceProblemsError);
      const groups = (error as SourceProblemsError).sources;
      expect(groups.map((g) => [g.source, g.total, g.problems.length])).toEqual([
        ['orders', 26, 20],
        ['contacts', 1, 1],
        ['spend', 1, 1],
      ]);
      const [stored] = await engine.query(
        sql('SELECT (SELECT COUNT(*) FROM tickets) + (SELECT COUNT(*) FROM ingest_batches) AS n'),
      );
      expect(Number(stored?.n)).toBe(0);
    } finally {
      await engine.close();
    }
  });
});
