import { expect, it } from 'vitest';
import type { Engine, Row } from '../../src/engine/engine.js';
import { sql } from '../../src/engine/sql/sql-statement.js';
import { erasePerson } from '../../src/pipeline/privacy/erase-person.js';
import { applyRetention } from '../../src/pipeline/privacy/apply-retention.js';
import { RESULT_TABLES, rowDifferences, tableDifferences } from '../support/compare-rows.js';
import { crossEngineSuite, type Scenario } from '../support/cross-engine-suite.js';
import { demoScenario } from '../support/demo-scenario.js';
import { postgresUrlForTests } from '../support/postgres-test-server.js';

const url = postgresUrlForTests('cross-engine quality and privacy');

// Freshness and lag measure the moment of ingestion, which no two runs share.
const TIMED = new Set(['freshness', 'lag']);

/** The latest quality results without run id and check time, in one order on every engine. */
async function qualityRows(engine: Engine): Promise<Row[]> {
  const rows = await engine.query(
    sql(
      `SELECT check_name, subject, measured, threshold, status, detail FROM quality_results
       WHERE run_id = (SELECT run_id FROM quality_results ORDER BY checked_at DESC LIMIT 1)`,
    ),
  );
  return rows
    .filter((r) => !TIMED.has(String(r.check_name)))
    .sort((a, b) => {
      const [x, y] = [
        `${String(a.check_name)}\u0000${String(a.subject)}`,
        `${String(b.check_name)}\u0000${String(b.subject)}`,
      ];
      return x < y ? -1 : x > y ? 1 : 0;
    });
}

let scenario: Scenario | undefined;

crossEngineSuite(
  'quality and privacy',
  url,
  async () => (scenario = await demoScenario(1_500, 7)),
  (pair) => {
    it('stores the same quality results on both engines', async () => {
      const [a, b] = [await qualityRows(pair.current.duck), await qualityRows(pair.current.pg)];
      expect(a.length).toBeGreaterThan(50);
      expect(rowDifferences('quality_results', a, b)).toEqual([]);
    });

    it('erases the same rows and recomputes the same results on both engines', async () => {
      const config = scenario?.config;
      if (!config) throw new Error('no scenario');
      const [who] = await pair.current.duck.query(
        sql(`SELECT identifier_value FROM identifiers i WHERE identifier_type = 'email'
          AND EXISTS (SELECT 1 FROM conversions c WHERE c.person_id = i.person_id)
          ORDER BY identifier_value LIMIT 1`),
      );
      const target = `email:${String(who?.identifier_value)}`;
      const [duck, pg] = [
        await erasePerson(pair.current.duck, target, { config, requestedBy: 'test' }),
        await erasePerson(pair.current.pg, target, { config, requestedBy: 'test' }),
      ];
      expect(duck.rowsDeleted).toBeGreaterThan(0);
      expect(pg.tables).toEqual(duck.tables);
      expect(pg.tombstoneHash).toBe(duck.tombstoneHash);
      for (const { table, key } of RESULT_TABLES) {
        const { differences } = await tableDifferences(
          pair.current.duck,
          pair.current.pg,
          table,
          key,
        );
        expect(differences, table).toEqual([]);
      }
      const [a, b] = [await qualityRows(pair.current.duck), await qualityRows(pair.current.pg)];
      expect(rowDifferences('quality_results after erasure', a, b)).toEqual([]);
    });

    it('retention deletes the same raw rows on both engines and keeps the aggregates', async () => {
      const now = Date.UTC(2026, 0, 1);
      const count = async (engine: Engine, table: string) =>
        Number((await engine.query(sql(`SELECT COUNT(*) AS n FROM ${table}`)))[0]?.n);
      const before = await count(pair.current.duck, 'metric_rpc');
      const checks = await count(pair.current.duck, 'quality_results');
      const [duck, pg] = [
        await applyRetention(pair.current.duck, 180, { now }),
        await applyRetention(pair.current.pg, 180, { now }),
      ];
      expect(duck.rowsDeleted).toBeGreaterThan(0);
      expect(pg).toEqual(duck);
      expect(await count(pair.current.duck, 'metric_rpc')).toBe(before);
      expect(await count(pair.current.duck, 'quality_results')).toBe(checks);
    });
  },
);
