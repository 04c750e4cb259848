import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import type { Config } from '../src/core/config/config.js';
import { DEFAULT_QUALITY } from '../src/core/quality/quality-config.js';
import { ingestEnvironmentFor } from '../src/interfaces/cli/ingest-context.js';
import { RunWatch } from '../src/interfaces/server/run-watch.js';
import { Serial } from '../src/pipeline/ingest/serial.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { demoRequested, serveFixture } from './support/serve-runs-fixture.js';
import { serveWarehouse } from './support/server-harness.js';

// The server's watch, between runs: records acknowledged after the last run make the run lag
// breach, the webhook hears it once, and again only when what breaches changes.
describe('the watch between runs', () => {
  let receiver: Server;
  let webhook = '';
  const alerts: { breaches: { check: string }[] }[] = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (d: string) => (body += d));
      req.on('end', () => {
        alerts.push(JSON.parse(body) as { breaches: { check: string }[] });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    webhook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('alerts on run lag when events wait for the next run, once per change', async () => {
    const fixture = await serveFixture({
      engineYaml: 'engine: { kind: duckdb, path: ./w.duckdb }',
    });
    const loaded = await loadConfig(fixture.configPath);
    const config: Config = {
      ...loaded,
      watch: { everyMs: 60_000, runLagMinutes: { warn: null, fail: 0 } },
      quality: { ...DEFAULT_QUALITY, alerts: { webhooks: [webhook], on: 'fail' } },
    };
    const served = await serveWarehouse(config);
    try {
      await runPipeline(served.engine, config, { open: openSourceFile });
      const watch = new RunWatch(
        served.engine,
        new Serial(),
        config,
        await ingestEnvironmentFor(served.engine, config),
        false,
      );
      const lag = async () => (await watch.tick()).find((r) => r.check === 'run_lag');
      expect(await lag()).toMatchObject({ status: 'pass', measured: 0 });
      const before = alerts.length;
      const sent = await served.server.app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: {
          authorization: `Bearer ${served.keys.ingest}`,
          'content-type': 'application/json',
        },
        payload: JSON.stringify({ batch: [demoRequested('m1', 'c1')] }),
      });
      expect(sent.statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await lag()).toMatchObject({ status: 'fail' });
      const lagAlerts = () =>
        alerts.slice(before).filter((a) => a.breaches.some((b) => b.check === 'run_lag'));
      expect(lagAlerts()).toHaveLength(1);
      await watch.tick();
      expect(lagAlerts()).toHaveLength(1);
      // A run catches up: the breach clears.
      await runPipeline(served.engine, config, { open: openSourceFile });
      expect(await lag()).toMatchObject({ status: 'pass', measured: 0 });
    } finally {
      await served.close();
    }
  }, 60_000);
});
