import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import type { Config } from '../src/core/config/config.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import {
  dropSchema,
  freshSchemaName,
  postgresUrlForTests,
} from './support/postgres-test-server.js';
import { demoRequested, serveFixture } from './support/serve-runs-fixture.js';
import { serveWarehouse } from './support/server-harness.js';

// A run and the collector side by side, on the two connections `convrev serve` gives them: the
// collector's commits complete while a run's transaction is open, and what they commit after
// the run's snapshot is counted by the next run — once.
const url = postgresUrlForTests('run beside the collector');
const engines: { name: string; yaml: () => string; schema?: string }[] = [
  { name: 'duckdb', yaml: () => 'engine: { kind: duckdb, path: ./w.duckdb }' },
];
if (url !== null) {
  const schema = freshSchemaName();
  engines.push({
    name: 'postgres',
    schema,
    yaml: () => `engine: { kind: postgres, url: '${url}', schema: ${schema} }`,
  });
}

describe.each(engines)('a run beside the collector ($name)', ({ yaml, schema }) => {
  it('does not block the collector; events committed during a run count in the next run, once', async () => {
    const fixture = await serveFixture({ engineYaml: yaml() });
    const config: Config = await loadConfig(fixture.configPath);
    const served = await serveWarehouse(config);
    const pipeline = await served.engine.connect();
    try {
      const post = (messageId: string, conversation: string) =>
        served.server.app.inject({
          method: 'POST',
          url: '/v1/batch',
          headers: {
            authorization: `Bearer ${served.keys.ingest}`,
            'content-type': 'application/json',
          },
          payload: JSON.stringify({ batch: [demoRequested(messageId, conversation)] }),
        });
      const conversions = async () =>
        Number((await pipeline.query(sql('SELECT COUNT(*) AS n FROM conversions')))[0]?.n);
      expect((await post('m1', 'c1')).statusCode).toBe(200);

      let acknowledgedDuringRun = false;
      await runPipeline(pipeline, config, {
        open: openSourceFile,
        // Inside the run's transaction: the collector's commit must complete, or this waits forever.
        onStage: async (stage, report) => {
          if (stage !== 'identity' || report) return;
          const answer = await post('m2', 'c2');
          acknowledgedDuringRun =
            answer.statusCode === 200 && answer.json<{ stored: number }>().stored === 1;
        },
      });
      expect(acknowledgedDuringRun).toBe(true);
      // The run saw its snapshot: m1 only. m2 is stored, waiting for the next run.
      expect(await conversions()).toBe(1);
      const [stored] = await pipeline.query(
        sql(
          "SELECT COUNT(*) AS n FROM conversation_events WHERE event_type = 'chat.demo.requested'",
        ),
      );
      expect(Number(stored?.n)).toBe(2);

      await runPipeline(pipeline, config, { open: openSourceFile });
      expect(await conversions()).toBe(2);
      await runPipeline(pipeline, config, { open: openSourceFile });
      expect(await conversions()).toBe(2);
      const [run] = await pipeline.query(
        sql(
          "SELECT COUNT(*) AS n FROM runs WHERE status = 'succeeded' AND events_watermark IS NOT NULL",
        ),
      );
      expect(Number(run?.n)).toBe(3);
    } finally {
      await pipeline.close();
      await served.close();
      if (schema && url) await dropSchema(url, schema);
    }
  }, 60_000);
});
