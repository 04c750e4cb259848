import { expect, it } from 'vitest';
import { explainPerson } from '../../src/pipeline/identity/explain-person.js';
import { sql } from '../../src/engine/sql/sql-statement.js';
import { crossEngineSuite } from '../support/cross-engine-suite.js';
import { demoScenario } from '../support/demo-scenario.js';
import { postgresUrlForTests } from '../support/postgres-test-server.js';

const url = postgresUrlForTests('cross-engine demo');

crossEngineSuite(
  'the demo at scale 3000',
  url,
  () => demoScenario(3_000),
  (pair, reports) => {
    it('exercises what the demo promises: late orders, chat orders, unattributed deals', async () => {
      const [r] = await pair.current.pg.query(
        sql(`SELECT (SELECT COUNT(*) FROM orders WHERE source_name = 'orders_late') AS late,
                    (SELECT COUNT(DISTINCT conversion_id) FROM journeys WHERE is_direct) AS direct,
                    (SELECT COUNT(*) FROM credits) AS credits`),
      );
      expect(Number(r?.late)).toBeGreaterThan(0);
      expect(Number(r?.direct)).toBeGreaterThan(0);
      expect(Number(r?.credits)).toBeGreaterThan(1_000);
      for (const report of reports()) {
        for (const s of report.summary) expect(s.unattributedConversions).toBeGreaterThan(0);
      }
    });

    it('refuses merges alike on both engines: shared devices and second contact ids', async () => {
      const q = sql(
        'SELECT reason, COUNT(*) AS n FROM merge_audit GROUP BY reason ORDER BY reason',
      );
      const [duck, pg] = [await pair.current.duck.query(q), await pair.current.pg.query(q)];
      const counts = (rows: typeof duck) => rows.map((r) => [r.reason, Number(r.n)]);
      expect(counts(duck)).toEqual(counts(pg));
      // Probabilistic links the clustering guard refused are audited too (probabilistic_*).
      expect(counts(duck).map((c) => c[0])).toEqual(
        expect.arrayContaining(['shared_device', 'unique_conflict']),
      );
    });

    it('matches leads to contacts probabilistically, alike on both engines', async () => {
      const q = sql("SELECT COUNT(*) AS n FROM identity_edges WHERE rule = 'probabilistic'");
      const [[duck], [pg]] = [await pair.current.duck.query(q), await pair.current.pg.query(q)];
      expect(Number(duck?.n)).toBeGreaterThan(0);
      expect(Number(pg?.n)).toBe(Number(duck?.n));
    });

    it('explains persons alike: matched, refused and merged ones', async () => {
      const ids = await pair.current.duck.query(
        sql(`SELECT DISTINCT i.person_id FROM identifiers i JOIN merge_audit a
  ON a.left_type = i.identifier_type AND a.left_value = i.identifier_value
UNION SELECT DISTINCT i.person_id FROM identifiers i JOIN identity_edges e
  ON e.left_type = i.identifier_type AND e.left_value = i.identifier_value AND e.rule = 'probabilistic'
ORDER BY 1 LIMIT 40`),
      );
      expect(ids.length).toBeGreaterThan(0);
      for (const { person_id: id } of ids) {
        const [a, b] = await Promise.all([
          explainPerson(pair.current.duck, String(id)),
          explainPerson(pair.current.pg, String(id)),
        ]);
        expect(b).toEqual(a);
      }
    });
  },
  60,
);
