import { expect, it } from 'vitest';
import { sql } from '../../src/engine/sql/sql-statement.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { b2bScenario } from '../support/b2b-scenario.js';
import { crossEngineSuite } from '../support/cross-engine-suite.js';
import { postgresUrlForTests } from '../support/postgres-test-server.js';

const url = postgresUrlForTests('cross-engine b2b scenario');

crossEngineSuite(
  'the hand-computed B2B scenario',
  url,
  () => b2bScenario(),
  (pair) => {
    it('holds the hand-computed credits on PostgreSQL too', async () => {
      const rows = await pair.current.pg.query(
        sql(
          "SELECT touchpoint_id, fraction, value FROM credits WHERE conversion_id = 'opportunity_created:opp1' AND model = 'linear' ORDER BY touchpoint_id",
        ),
      );
      expect(rows).toEqual([
        { touchpoint_id: 't1', fraction: 0.25, value: 250 },
        { touchpoint_id: 't2', fraction: 0.25, value: 250 },
        { touchpoint_id: 'tp_a', fraction: 0.25, value: 250 },
        { touchpoint_id: 'tp_b', fraction: 0.25, value: 250 },
      ]);
    });

    it('swaps nothing in on PostgreSQL when a later run fails on bad input', async () => {
      const snapshot = async () => ({
        credits: await pair.current.pg.query(
          sql('SELECT * FROM credits ORDER BY conversion_id, touchpoint_id, model'),
        ),
        runs: await pair.current.pg.query(sql('SELECT run_id FROM runs ORDER BY run_id')),
        orders: await pair.current.pg.query(sql('SELECT * FROM orders ORDER BY order_id')),
      });
      const before = await snapshot();
      expect(before.credits.length).toBeGreaterThan(0);
      const { config, open } = b2bScenario({ badOrderTime: true });
      await expect(runPipeline(pair.current.pg, config, { open })).rejects.toThrow(
        /source orders, file memory:orders, row 2, column placed_at: 2026-13-10T00:30:00Z is not an ISO-8601 timestamp/,
      );
      expect(await snapshot()).toEqual(before);
    });
  },
);
