import { readFile, readdir, realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDBEngine } from '../src/engine/duckdb/duckdb-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { startCollector, type CollectorProcess } from './support/collector-process.js';
import {
  dropSchema,
  freshSchemaName,
  postgresUrlForTests,
} from './support/postgres-test-server.js';
import {
  demoRequested,
  eventually,
  serveFixture,
  type ServeFixture,
} from './support/serve-runs-fixture.js';

// The end-to-end runs of `convrev serve` (real processes): on a schedule, on demand, a failing
// run, a killed one; the same schedule on PostgreSQL.
const SCHEDULE_MS = 2_000;
// A run on this tiny scenario takes about a second on a busy machine; it may start at most one
// period after the events and is allowed a period to finish.
const WITHIN_MS = 2 * SCHEDULE_MS + 6_000;

interface RunBody {
  id: string;
  status: string;
  trigger: string;
  error: string | null;
  row_counts: Record<string, number>;
}

function client(server: CollectorProcess, key: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    call,
    conversions: async () => {
      const { body } = await call('GET', '/v1/overview');
      const summary = body.summary as { conversions?: number } | null | undefined;
      return summary?.conversions ?? null;
    },
    waitForRun: (id: string) =>
      eventually(
        async () => {
          const { body } = await call('GET', `/v1/admin/runs/${id}`);
          return body.status === 'running' ? undefined : (body as unknown as RunBody);
        },
        30_000,
        `run ${id} to finish`,
      ),
  };
}

const running: CollectorProcess[] = [];
async function serve(fixture: ServeFixture): Promise<CollectorProcess> {
  const server = await startCollector(['--config', fixture.configPath]);
  running.push(server);
  return server;
}
async function stop(server: CollectorProcess, signal: NodeJS.Signals = 'SIGTERM') {
  server.child.kill(signal);
  await server.exited;
  running.splice(running.indexOf(server), 1);
}
afterEach(async () => {
  for (const server of [...running]) await stop(server);
});

async function scheduledEventsAppear(
  fixture: ServeFixture,
): Promise<{ ms: number; server: CollectorProcess }> {
  const server = await serve(fixture);
  const api = client(server, fixture.key);
  // The first scheduled run fills the warehouse from the conversations file.
  await eventually(
    async () => {
      const { body } = await api.call('GET', '/v1/admin/runs');
      return (body.runs as RunBody[]).some((r) => r.status === 'succeeded') ? true : undefined;
    },
    WITHIN_MS,
    'first scheduled run',
  );
  expect(await api.conversions()).toBeNull();
  const sent = await api.call('POST', '/v1/batch', {
    batch: [demoRequested('m1', 'c1'), demoRequested('m2', 'c2')],
  });
  expect(sent.status).toBe(200);
  expect(sent.body).toMatchObject({ offered: 2, stored: 2 });
  const acknowledged = Date.now();
  let seen: number | null = null;
  await eventually(
    async () => ((seen = await api.conversions()) === 2 ? 2 : undefined),
    WITHIN_MS,
    'events in /v1/overview',
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; last seen ${seen}`);
  });
  const ms = Date.now() - acknowledged;
  const { body } = await api.call('GET', '/v1/admin/runs');
  const runs = body.runs as RunBody[];
  expect(runs.length).toBeGreaterThanOrEqual(2);
  expect(runs.every((r) => r.trigger === 'schedule')).toBe(true);
  expect(runs.some((r) => r.status === 'succeeded' && r.row_counts.load === 2)).toBe(true);
  // Freshness: a recent success, caught up with what was acknowledged.
  const health = await api.call('GET', '/health');
  expect(health.body).toMatchObject({ ok: true, run_lag_seconds: 0, run_failures: 0 });
  expect(health.body.last_successful_run_age_seconds).toBeLessThan(30);
  const metrics = await (
    await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${fixture.key}` } })
  ).text();
  expect(metrics).toMatch(/^convrev_last_successful_run_age_seconds \d/m);
  expect(metrics).toMatch(/^convrev_run_lag_seconds 0$/m);
  expect(metrics).toMatch(/^convrev_run_failures 0$/m);
  return { ms, server };
}

describe('convrev serve runs the pipeline (DuckDB)', () => {
  it('on a schedule: events sent through the collector count within two periods; Parquet is published', async () => {
    const fixture = await serveFixture({
      engineYaml: 'engine: { kind: duckdb, path: ./w.duckdb }',
      schedule: `${SCHEDULE_MS / 1000}s`,
      publish: true,
    });
    const { ms, server } = await scheduledEventsAppear(fixture);
    // Stopped, so no run replaces the files while they are checked.
    await stop(server);
    console.info(`serve-runs: events counted ${ms} ms after their acknowledgement (schedule 2s)`);
    // Published: a manifest and Parquet files DuckDB reads, from the latest run.
    // Resolved once: the schedule keeps replacing the link, and one version is self-consistent.
    const published = await realpath(join(fixture.dir, 'published'));
    const manifest = JSON.parse(await readFile(join(published, 'manifest.json'), 'utf8')) as {
      run_id: string;
      tables: { name: string; file: string; rows: number }[];
    };
    expect(manifest.tables.map((t) => t.name)).toContain('attribution_summary');
    const files = await readdir(published);
    expect(files).toContain('attribution_summary.parquet');
    const reader = await DuckDBEngine.open({ path: ':memory:', memoryLimit: '256MB', threads: 1 });
    try {
      const rows = await reader.query(
        sql(`SELECT model, conversions FROM '${join(published, 'attribution_summary.parquet')}'`),
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const t of manifest.tables) {
        const [n] = await reader.query(
          sql(`SELECT COUNT(*) AS n FROM '${join(published, t.file)}'`),
        );
        expect(Number(n?.n)).toBe(t.rows);
      }
    } finally {
      await reader.close();
    }
    // Scheduled runs after the first skip the unchanged conversations file rather than read it.
    const warehouse = await DuckDBEngine.open({
      path: join(fixture.dir, 'w.duckdb'),
      memoryLimit: '256MB',
      threads: 1,
    });
    try {
      const [skips] = await warehouse.query(
        sql(`SELECT COUNT(*) AS n FROM ingest_batches WHERE skipped AND source = 'chats'`),
      );
      expect(Number(skips?.n)).toBeGreaterThan(0);
    } finally {
      await warehouse.close();
    }
  }, 60_000);

  it('on demand: 202 then 409 during a run; a failing run keeps the results and its row; a killed run is interrupted', async () => {
    const fixture = await serveFixture({
      engineYaml: 'engine: { kind: duckdb, path: ./w.duckdb }',
    });
    let server = await serve(fixture);
    let api = client(server, fixture.key);
    await api.call('POST', '/v1/batch', { batch: [demoRequested('m1', 'c1')] });
    const first = await api.call('POST', '/v1/admin/runs');
    expect(first.status).toBe(202);
    const again = await api.call('POST', '/v1/admin/runs');
    expect(again.status).toBe(409);
    expect(again.body.id).toBe(first.body.id);
    const done = await api.waitForRun(String(first.body.id));
    expect(done).toMatchObject({ status: 'succeeded', trigger: 'api', error: null });
    expect(await api.conversions()).toBe(1);

    // A bad file: the run fails, is recorded with its error, and the API keeps the last results.
    await writeFile(
      join(fixture.dir, 'conversations.csv'),
      'conversation_id,channel,started_at\nc3,chat,not-a-time\n',
    );
    await api.call('POST', '/v1/batch', { batch: [demoRequested('m2', 'c2')] });
    const bad = await api.call('POST', '/v1/admin/runs');
    expect(bad.status).toBe(202);
    const failed = await api.waitForRun(String(bad.body.id));
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/conversations\.csv/);
    expect(await api.conversions()).toBe(1);
    const health = await api.call('GET', '/health');
    expect(health.body.run_failures).toBe(1);

    // Killed mid-run: at the next start its row says interrupted, and the results are the last run's.
    const killed = await api.call('POST', '/v1/admin/runs');
    expect(killed.status).toBe(202);
    await stop(server, 'SIGKILL');
    server = await serve(fixture);
    api = client(server, fixture.key);
    const row = await api.call('GET', `/v1/admin/runs/${String(killed.body.id)}`);
    expect(row.body).toMatchObject({ status: 'interrupted' });
    expect(await api.conversions()).toBe(1);
  }, 90_000);
});

const url = postgresUrlForTests('convrev serve runs on PostgreSQL');
describe.skipIf(url === null)('convrev serve runs the pipeline (PostgreSQL)', () => {
  it('on a schedule: events sent through the collector count within two periods', async () => {
    const schema = freshSchemaName();
    try {
      const fixture = await serveFixture({
        engineYaml: `engine: { kind: postgres, url: '${url}', schema: ${schema} }`,
        schedule: `${SCHEDULE_MS / 1000}s`,
      });
      const { ms } = await scheduledEventsAppear(fixture);
      console.info(`serve-runs (PostgreSQL): events counted ${ms} ms after their acknowledgement`);
    } finally {
      for (const server of [...running]) await stop(server);
      await dropSchema(url as string, schema);
    }
  }, 60_000);
});
