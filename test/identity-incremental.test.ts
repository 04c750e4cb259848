import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY, type Config, type IdentityConfig } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { connectEngine } from '../src/engine/open-engine.js';
import { migrate } from '../src/engine/schema/migrate.js';
import { MIGRATIONS } from '../src/engine/schema/migrations.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { runPipeline, type RunReport } from '../src/pipeline/run-pipeline.js';
import { tableDifferences } from './support/compare-rows.js';
import { eachEngine } from './support/each-engine.js';
import { memoryConfig, type MemoryRows } from './support/memory-sources.js';

// Every table the identity stage leaves behind, with a key that orders it.
const IDENTITY_TABLES: [string, string[]][] = [
  ['identifiers', ['identifier_type', 'identifier_value']],
  ['identity_edges', ['left_type', 'left_value', 'right_type', 'right_value', 'rule']],
  ['merge_audit', ['left_type', 'left_value', 'right_type', 'right_value', 'reason']],
  ['identity_shared_devices', ['identifier_type', 'identifier_value']],
  ['persons', ['person_id']],
  ['person_id_history', ['person_id']],
  ['identity_cluster_sizes', ['size']],
  ['identity_largest_clusters', ['rank']],
];

/** A small PRNG (mulberry32), so each graph is the same on every run of the test. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Touches naming people by few, shared identifiers: emails and logins re-used across records,
 * anonymous ids (devices) seen with several people, a second login for one email. Enough
 * collisions that the guards refuse merges, devices turn shared and later records join persons.
 */
function touches(seed: number, count: number, from = 0): MemoryRows {
  const next = random(seed);
  const pick = (pool: string, size: number) => `${pool}${Math.floor(next() * size)}`;
  const rows: MemoryRows = [];
  for (let i = 0; i < from + count; i++) {
    const ids: Record<string, string> = {};
    if (next() < 0.7) ids.email = `${pick('e', 70)}@mail.example`;
    if (next() < 0.35) ids.user_id = pick('u', 40);
    if (next() < 0.5) ids.anonymous_id = pick('a', 30);
    if (next() < 0.2) ids.phone = `+1555${String(Math.floor(next() * 60)).padStart(7, '0')}`;
    if (i < from) continue;
    rows.push({
      touchpoint_id: `t${i}`,
      occurred_at: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
      channel: 'organic',
      ...ids,
    });
  }
  return rows;
}

const config = (rows: MemoryRows, identity: IdentityConfig) => {
  const { config: c, open } = memoryConfig({
    web: { kind: 'touchpoints', constants: { touchpoint_type: 'marketing' }, rows },
  });
  return { config: { ...c, identity } as Config, open };
};

const identityDetail = (report: RunReport) =>
  report.stages.find((s) => s.stage === 'identity')?.detail ?? '';

for (const factory of eachEngine('identity-incremental')) {
  describe(`incremental stitching on ${factory.name}`, () => {
    const open: Engine[] = [];
    afterEach(async () => {
      for (const e of open.splice(0)) await factory.dispose(e);
    });
    const warehouse = async () => {
      const e = await factory.open();
      open.push(e);
      return e;
    };
    const run = async (engine: Engine, rows: MemoryRows, identity = DEFAULT_IDENTITY) => {
      const c = config(rows, identity);
      // force: these tests watch the identity stage itself, also on unchanged input.
      return runPipeline(engine, c.config, { open: c.open, force: true });
    };
    const forceFull = (engine: Engine) => engine.execute(sql('DELETE FROM identity_state'));
    async function expectSameIdentity(a: Engine, b: Engine): Promise<void> {
      for (const [table, key] of IDENTITY_TABLES) {
        const { rows, differences } = await tableDifferences(a, b, table, key);
        expect(differences, table).toEqual([]);
        if (table === 'identifiers') expect(rows).toBeGreaterThan(50);
      }
    }

    for (const [label, identity] of [
      ['matching on', DEFAULT_IDENTITY],
      [
        'matching off',
        { ...DEFAULT_IDENTITY, matching: { ...DEFAULT_IDENTITY.matching, enabled: false } },
      ],
    ] as const) {
      it(`re-stitches only the persons a late batch touches, and ends as a full run would (${label})`, async () => {
        for (const seed of [1, 7, 42]) {
          const first = touches(seed, 120);
          // A late record repeating an early one's identifiers under a key that sorts first:
          // its pairs' provenance moves to it.
          const repeated = first.find((r) => Object.keys(r).length >= 5)!;
          const both = [
            ...first,
            ...touches(seed, 30, 120),
            { ...repeated, touchpoint_id: 'a-repeat' },
          ];
          const incremental = await warehouse();
          const full = await warehouse();
          for (const e of [incremental, full]) await run(e, first, identity);

          const report = await run(incremental, both, identity);
          const detail = identityDetail(report);
          expect(detail).toMatch(/^incremental: re-stitched \d+ earlier persons/);
          const [{ persons }] = (await incremental.query(
            sql('SELECT COUNT(*) AS persons FROM persons'),
          )) as [{ persons: unknown }];
          const touched = Number(/re-stitched (\d+) earlier/.exec(detail)![1]);
          expect(touched).toBeGreaterThan(0);
          expect(touched).toBeLessThan(Number(persons));

          await forceFull(full);
          expect(identityDetail(await run(full, both, identity))).toMatch(
            /^full \(no stitched graph kept\)/,
          );
          await expectSameIdentity(incremental, full);
          // Attribution reads the same persons: journeys and credits agree as well.
          for (const [table, key] of [
            ['touchpoints', ['touchpoint_id']],
            ['credits', ['conversion_id', 'touchpoint_id', 'model']],
          ] as const) {
            const { differences } = await tableDifferences(incremental, full, table, [...key]);
            expect(differences, table).toEqual([]);
          }
          for (const e of open.splice(0)) await factory.dispose(e);
        }
      });
    }

    it('re-stitches nothing on unchanged data and leaves every identity row as it was', async () => {
      const rows = touches(3, 150);
      const engine = await warehouse();
      await run(engine, rows);
      const before = await warehouse();
      await run(before, rows);
      const again = identityDetail(await run(engine, rows));
      expect(again).toMatch(/^incremental: re-stitched 0 earlier persons and 0 identifiers/);
      await expectSameIdentity(engine, before);
      // identity_components, a view: each identifier with its person's smallest key (bytes).
      const components = await engine.query(
        sql('SELECT identifier_type, identifier_value, representative FROM identity_components'),
      );
      const persons = await engine.query(
        sql('SELECT identifier_type, identifier_value, person_id FROM identifiers'),
      );
      const smallest = new Map<string, string>();
      for (const p of persons) {
        const key = `${String(p.identifier_type)}\u0001${String(p.identifier_value)}`;
        const id = String(p.person_id);
        const min = smallest.get(id);
        if (min === undefined || Buffer.compare(Buffer.from(key), Buffer.from(min)) < 0)
          smallest.set(id, key);
      }
      const personOf = new Map(
        persons.map((p) => [
          `${String(p.identifier_type)}\u0001${String(p.identifier_value)}`,
          String(p.person_id),
        ]),
      );
      expect(components).toHaveLength(persons.length);
      for (const c of components) {
        const key = `${String(c.identifier_type)}\u0001${String(c.identifier_value)}`;
        expect(c.representative).toBe(smallest.get(personOf.get(key)!));
      }
    });

    it('stores an edge between junk values that a late record shows, though it joins nobody', async () => {
      const rows = touches(11, 80);
      const junk = {
        touchpoint_id: 'junk',
        occurred_at: '2026-01-05T10:00:00Z',
        channel: 'organic',
        email: 'test@test.com',
        anonymous_id: 'kiosk-7',
      };
      // A configured junk value: ingest keeps it, stitching ignores it.
      const identity = { ...DEFAULT_IDENTITY, junkValues: ['kiosk-7'] };
      const [incremental, full] = [await warehouse(), await warehouse()];
      for (const e of [incremental, full]) await run(e, rows, identity);
      expect(identityDetail(await run(incremental, [...rows, junk], identity))).toMatch(
        /^incremental: re-stitched 0 earlier persons and 0 identifiers/,
      );
      await forceFull(full);
      await run(full, [...rows, junk], identity);
      await expectSameIdentity(incremental, full);
      const [stored] = await incremental.query(
        sql("SELECT COUNT(*) AS n FROM identity_edges WHERE source_record = 'touchpoint:junk'"),
      );
      expect(Number(stored?.n)).toBe(1);
    });

    it('falls back to a full run when a stored edge disappears or the settings change', async () => {
      const rows = touches(5, 100);
      const engine = await warehouse();
      await run(engine, rows);
      // Retention deletes landing rows: their edges are gone from the graph.
      await engine.execute(
        sql(
          `DELETE FROM source_touchpoints WHERE touchpoint_id IN (${rows
            .slice(0, 10)
            .map((r) => `'${String(r.touchpoint_id)}'`)
            .join(', ')})`,
        ),
      );
      expect(identityDetail(await run(engine, rows.slice(10)))).toMatch(
        /^full \(\d+ stored edges no record shows any more\)/,
      );
      const stricter = { ...DEFAULT_IDENTITY, maxPersonsPerDevice: 1 };
      expect(identityDetail(await run(engine, rows.slice(10), stricter))).toMatch(
        /^full \(identity settings changed\)/,
      );
      expect(identityDetail(await run(engine, rows.slice(10), stricter))).toMatch(/^incremental/);
    });

    it('falls back to a full run when what matching reads changes', async () => {
      const engine = await warehouse();
      const withContact = (lastName: string) =>
        memoryConfig({
          web: {
            kind: 'touchpoints',
            constants: { touchpoint_type: 'marketing' },
            rows: touches(9, 60),
          },
          crm: {
            kind: 'contacts',
            rows: [
              {
                contact_id: 'C1',
                email: 'e1@mail.example',
                first_name: 'Ada',
                last_name: lastName,
              },
            ],
          },
        });
      const { config: c, open: opener } = withContact('Lo');
      await runPipeline(engine, c, { open: opener });
      const { config: c2, open: opener2 } = withContact('Lovelace');
      const report = await runPipeline(engine, c2, { open: opener2 });
      expect(identityDetail(report)).toMatch(/^full \(matching profiles changed\)/);
    });
  });
}

describe('a warehouse of schema 9 upgraded to incremental stitching', () => {
  it('keeps its person ids, drops person_id_map, reads identity_components as a view and re-stitches whole once', async () => {
    const engine = await connectEngine({
      kind: 'duckdb',
      path: ':memory:',
      memoryLimit: '1GB',
      threads: 1,
    });
    try {
      await migrate(
        engine,
        MIGRATIONS.filter((m) => m.version <= 9),
      );
      // What a run of schema 9 left: its person of each identifier, twice, and its settings.
      for (const table of ['identifiers', 'person_id_map'])
        await engine.execute(
          sql(`INSERT INTO ${table} VALUES ('email', 'a@x.example', 'p_legacy')`),
        );
      await engine.execute(sql("INSERT INTO person_id_history VALUES ('p_legacy', 1, NULL, NULL)"));
      await engine.execute(sql("INSERT INTO identity_state VALUES ('digest of version 1', 1)"));
      expect(await migrate(engine)).toEqual(
        MIGRATIONS.filter((m) => m.version > 9).map((m) => m.version),
      );

      const rows = [
        {
          touchpoint_id: 't1',
          occurred_at: '2026-01-02T10:00:00Z',
          channel: 'organic',
          email: 'a@x.example',
          user_id: 'u1',
        },
      ];
      const c = config(rows, DEFAULT_IDENTITY);
      const report = await runPipeline(engine, c.config, { open: c.open });
      expect(identityDetail(report)).toMatch(/^full \(identity settings changed\)/);
      expect(
        await engine.query(
          sql('SELECT identifier_type, person_id FROM identifiers ORDER BY identifier_type'),
        ),
      ).toEqual([
        { identifier_type: 'email', person_id: 'p_legacy' },
        { identifier_type: 'user_id', person_id: 'p_legacy' },
      ]);
      expect(
        await engine.query(sql('SELECT DISTINCT representative FROM identity_components')),
      ).toEqual([{ representative: 'email\u0001a@x.example' }]);
      const tables = await engine.query(
        sql("SELECT table_name FROM information_schema.tables WHERE table_name = 'person_id_map'"),
      );
      expect(tables).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
