import { expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { attributionScenario } from '../support/attribution-scenario.js';
import { tableDifferences } from '../support/compare-rows.js';
import { crossEngineSuite } from '../support/cross-engine-suite.js';
import { postgresUrlForTests } from '../support/postgres-test-server.js';

const url = postgresUrlForTests('cross-engine attribution engine');

// Every rule model, six definitions (filters, next_only, direct links across persons, tickets,
// leads, a custom event), then a late order recomputed incrementally on both engines.
crossEngineSuite(
  'attribution engine',
  url,
  () => attributionScenario(),
  (pair) => {
    it('recomputes the same journeys when a late order arrives, alike on both engines', async () => {
      const { config, open } = attributionScenario({ late: true });
      const details: string[] = [];
      for (const engine of [pair.current.duck, pair.current.pg]) {
        const report = await runPipeline(engine, config, { open });
        details.push(report.stages.find((s) => s.stage === 'journeys')?.detail ?? '');
      }
      expect(details[0]).toMatch(/^recomputed 12 of 21 journeys/);
      expect(details[1]).toBe(details[0]);
      for (const [table, key] of [
        ['journeys', ['conversion_id', 'position']],
        ['credits', ['conversion_id', 'touchpoint_id', 'model']],
      ] as const) {
        const { differences } = await tableDifferences(
          pair.current.duck,
          pair.current.pg,
          table,
          key,
        );
        expect(differences).toEqual([]);
      }
    });
  },
);
