import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine/engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { applyRetention } from '../src/pipeline/privacy/apply-retention.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { b2bScenario } from './support/b2b-scenario.js';
import { eachEngine } from './support/each-engine.js';

const count = async (engine: Engine, table: string) =>
  Number((await engine.query(sql(`SELECT COUNT(*) AS n FROM ${table}`)))[0]?.n);

for (const factory of eachEngine('retention')) {
  describe(`retention on ${factory.name}`, () => {
    let engine: Engine;
    beforeEach(async () => {
      engine = await factory.open();
    });
    afterEach(() => factory.dispose(engine));

    it('deletes raw rows past the window by their event time; aggregates and quality results stay', async () => {
      const { config, open } = b2bScenario();
      await runPipeline(engine, config, { open });
      const aggregates = [
        'attribution_summary',
        'channel_attribution',
        'metric_rpc',
        'quality_results',
      ];
      const before = await Promise.all(aggregates.map((t) => count(engine, t)));
      // 2026-03-10 is the cut: the order of 03-11 stays, everything earlier goes.
      const now = Date.UTC(2026, 2, 10, 12) + 1 * 86_400_000;
      const dry = await applyRetention(engine, 1, { now, dryRun: true });
      expect(await count(engine, 'orders')).toBe(2);
      const report = await applyRetention(engine, 1, { now });
      expect(report).toEqual(dry);
      expect(Object.fromEntries(report.tables.map((t) => [t.table, t.rows]))).toEqual({
        source_touchpoints: 5,
        conversation_events: 2,
        orders: 1,
        conversations: 1,
      });
      expect(await count(engine, 'orders')).toBe(1);
      expect(await count(engine, 'contacts')).toBe(3);
      expect(await Promise.all(aggregates.map((t) => count(engine, t)))).toEqual(before);
    });

    it('runs as the last stage of a run when privacy.retention_days is set', async () => {
      const { config, open } = b2bScenario();
      const report = await runPipeline(
        engine,
        { ...config, privacy: { hashPii: false, retentionDays: 30 } },
        { open },
      );
      expect(report.stages.map((s) => s.stage).slice(-2)).toEqual(['quality', 'retention']);
      // This run's figures were made before the raw rows went.
      expect(report.summary.length).toBeGreaterThan(0);
      expect(await count(engine, 'source_touchpoints')).toBe(0);
      expect(await count(engine, 'accounts')).toBe(2);
    });
  });
}
