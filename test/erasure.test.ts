import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { createPiiHasher } from '../src/pipeline/ingest/pii-hasher.js';
import { erasePerson } from '../src/pipeline/privacy/erase-person.js';
import { tombstoneHash } from '../src/pipeline/privacy/tombstone-hash.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import type { OpenSourceFile } from '../src/pipeline/load/source-file.js';
import { b2bScenario } from './support/b2b-scenario.js';
import { RESULT_TABLES, tableDifferences } from './support/compare-rows.js';
import { eachEngine, traces } from './support/each-engine.js';

const SALT = 'erasure-test-salt';
// The shopper typed their email in conv1 (anonymous device anon1), which led to order o1.
const SHOPPER = ['shopper@x.example', 'anon1', 'conv1'];

/** The b2b scenario, optionally as if the shopper had never been there, optionally hashed. */
function scenario(options: { withoutShopper?: boolean; hashPii?: boolean } = {}) {
  const { config, open } = b2bScenario();
  const gone = (r: Record<string, unknown>) =>
    options.withoutShopper &&
    Object.values(r).some((v) => typeof v === 'string' && SHOPPER.includes(v));
  const filtered: OpenSourceFile = async (source) => {
    const file = await open(source);
    return {
      columns: file.columns,
      async *rows(o) {
        for await (const row of file.rows(o)) if (!gone(row.values)) yield row;
      },
    };
  };
  const withPrivacy: Config = options.hashPii ? { ...config, privacy: { hashPii: true } } : config;
  return { config: withPrivacy, open: filtered };
}

const count = async (engine: Engine, table: string) =>
  Number((await engine.query(sql(`SELECT COUNT(*) AS n FROM ${table}`)))[0]?.n);

for (const factory of eachEngine('erasure')) {
  describe(`erasure on ${factory.name}`, () => {
    let engine: Engine;
    beforeEach(async () => {
      engine = await factory.open();
    });
    afterEach(() => factory.dispose(engine));

    it('dry run lists rows per table and changes nothing', async () => {
      const { config, open } = scenario();
      await runPipeline(engine, config, { open });
      const before = await count(engine, 'conversation_events');
      const report = await erasePerson(engine, 'email:Shopper@X.example', {
        config,
        requestedBy: 'test',
        dryRun: true,
      });
      expect(report.dryRun).toBe(true);
      expect(report.persons).toBe(1);
      const byTable = Object.fromEntries(report.tables.map((t) => [t.table, t.rows]));
      expect(byTable.conversation_events).toBe(2);
      expect(byTable.conversations).toBe(1);
      expect(byTable.orders).toBe(1);
      expect(await count(engine, 'conversation_events')).toBe(before);
      expect(await count(engine, 'tombstones')).toBe(0);
      expect(await count(engine, 'erasure_audit')).toBe(0);
    });

    for (const hashPii of [false, true]) {
      it(`leaves no trace in any table (hash_pii ${hashPii}), stores nothing on replay, and equals never having ingested them`, async () => {
        const { config, open } = scenario({ hashPii });
        const salt = hashPii ? { piiSalt: SALT } : {};
        await runPipeline(engine, config, { open, ...salt });
        const hashed = createPiiHasher(SALT).hash('email', 'shopper@x.example');
        const needles = [...SHOPPER, ...(hashPii ? [hashed] : [])];
        expect((await traces(engine, needles)).length).toBeGreaterThan(0);

        const report = await erasePerson(engine, 'email:shopper@x.example', {
          config,
          requestedBy: 'dpo@example.com',
          ...salt,
        });
        expect(report.rowsDeleted).toBeGreaterThan(0);
        expect(await traces(engine, needles)).toEqual([]);
        // The audit row holds the tombstone hash and the type, never the value or its PII hash.
        const [audit] = await engine.query(sql('SELECT * FROM erasure_audit'));
        expect(audit?.identifier_type).toBe('email');
        expect(audit?.tombstone_hash).toBe(
          tombstoneHash('email', hashPii ? hashed : 'shopper@x.example'),
        );

        // Replaying the original input stores nothing of the shopper, and accounting holds.
        const replay = await runPipeline(engine, config, { open, ...salt });
        const events = replay.ingest.get('events');
        expect(events?.stored).toBe(0);
        expect(await traces(engine, needles)).toEqual([]);
        const [b] = await engine.query(
          sql(
            'SELECT SUM(offered) AS o, SUM(stored) AS s, SUM(duplicates) AS d, SUM(dead_lettered) AS x FROM ingest_batches',
          ),
        );
        expect(Number(b?.o)).toBe(Number(b?.s) + Number(b?.d) + Number(b?.x));
        const erased = await engine.query(
          sql("SELECT payload, reasons FROM dead_letters WHERE reasons LIKE '%erased%'"),
        );
        expect(erased.length).toBe(4); // conversation, two events, order
        for (const r of erased) expect(r.payload).toBe('');

        // Totals reconcile: the warehouse is exactly as if the shopper had never been ingested.
        const fresh = await factory.open();
        try {
          const clean = scenario({ withoutShopper: true, hashPii });
          await runPipeline(fresh, clean.config, { open: clean.open, ...salt });
          for (const { table, key } of RESULT_TABLES) {
            const { differences } = await tableDifferences(engine, fresh, table, key);
            expect(differences, table).toEqual([]);
          }
          const [s] = await engine.query(
            sql(
              "SELECT conversions, attributed_conversions, unattributed_conversions FROM attribution_summary WHERE model = 'linear'",
            ),
          );
          expect(Number(s?.conversions)).toBe(
            Number(s?.attributed_conversions) + Number(s?.unattributed_conversions),
          );
          const bad = await engine.query(
            sql(
              "SELECT * FROM quality_results WHERE check_name = 'revenue_reconciliation' AND status <> 'pass'",
            ),
          );
          expect(bad).toEqual([]);
        } finally {
          await factory.dispose(fresh);
        }
      });
    }

    it('refuses an identifier that is not TYPE:VALUE', async () => {
      const { config } = scenario();
      await expect(
        erasePerson(engine, 'shopper@x.example', { config, requestedBy: 'test' }),
      ).rejects.toThrow(/TYPE:VALUE/);
    });
  });
}
