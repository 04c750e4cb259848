import { expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { sql } from '../../src/engine/sql/sql-statement.js';
import { attributionReport } from '../../src/pipeline/reports/attribution-report.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { tableDifferences } from '../support/compare-rows.js';
import { crossEngineSuite } from '../support/cross-engine-suite.js';
import { AWKWARD_NAMES, edgeScenario } from '../support/edge-scenario.js';
import { postgresUrlForTests } from '../support/postgres-test-server.js';

const url = postgresUrlForTests('cross-engine edge cases');

const journey = (engine: Engine, id: string) =>
  engine
    .query(
      sql('SELECT touchpoint_id FROM journeys WHERE conversion_id = $1 ORDER BY position', [id]),
    )
    .then((rows) => rows.map((r) => r.touchpoint_id));

crossEngineSuite(
  'edge cases',
  url,
  () => edgeScenario(),
  (pair) => {
    it('orders tied touches by bytes and keeps both window edges exact, on both engines', async () => {
      for (const engine of [pair.current.duck, pair.current.pg]) {
        // The chat two days later was stitched to the same person through the email typed in it.
        expect(await journey(engine, 'order:o-tie')).toEqual([
          'tie-B',
          'tie-_',
          'tie-a',
          'tie-b',
          'tie-é',
          'conversation:conv-Ü',
        ]);
        expect(await journey(engine, 'order:o-edge')).toEqual(['edge-in', 'edge-same']);
        expect(await journey(engine, 'order:late-b')).toEqual([
          'tie-B',
          'tie-_',
          'tie-a',
          'tie-b',
          'tie-é',
        ]);
        const [edge] = await engine.query(
          sql("SELECT seconds_before FROM journeys WHERE touchpoint_id = 'edge-in'"),
        );
        expect(edge?.seconds_before).toBe(30 * 86_400);
      }
    });

    it('reports conversions without a touch as unattributed on both engines', async () => {
      for (const engine of [pair.current.duck, pair.current.pg]) {
        const rows = await engine.query(
          sql(
            "SELECT value_kind, unattributed_conversions, unattributed_value FROM attribution_summary WHERE model = 'linear' ORDER BY value_kind",
          ),
        );
        // o-empty (an order of 10: revenue) and opp-none (created, 777: pipeline) have no
        // touch; closed_won:opp-Ü has its account's touches. Each kind keeps its own total.
        expect(rows).toEqual([
          { value_kind: 'pipeline', unattributed_conversions: 1, unattributed_value: 777 },
          { value_kind: 'revenue', unattributed_conversions: 1, unattributed_value: 10 },
        ]);
        const empty = await engine.query(
          sql(
            "SELECT * FROM credits WHERE conversion_id IN ('order:o-empty', 'opportunity_created:opp-none')",
          ),
        );
        expect(empty).toEqual([]);
      }
    });

    it('groups by awkward channel and segment names without mangling them', async () => {
      for (const engine of [pair.current.duck, pair.current.pg]) {
        const rows = await attributionReport(engine, {
          model: 'linear',
          by: ['channel', 'segment'],
        });
        const names = new Set(rows.flatMap((r) => [r.channel, r.segment]));
        for (const name of [
          AWKWARD_NAMES.unicode,
          AWKWARD_NAMES.quotes,
          AWKWARD_NAMES.controls,
          AWKWARD_NAMES.emoji,
        ])
          expect(names).toContain(name);
      }
    });

    it('re-attributes when the late order file arrives, alike on both engines', async () => {
      const early = edgeScenario({ withLateOrders: false });
      const late = edgeScenario();
      for (const { config, open } of [early, late]) {
        for (const engine of [pair.current.duck, pair.current.pg])
          await runPipeline(engine, config, { open });
        const { differences } = await tableDifferences(
          pair.current.duck,
          pair.current.pg,
          'credits',
          ['conversion_id', 'touchpoint_id', 'model'],
        );
        expect(differences).toEqual([]);
      }
      expect(await journey(pair.current.pg, 'order:late-a')).toEqual(['late-1']);
    });
  },
);
