import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { connectEngine, openEngine } from '../../src/engine/open-engine.js';
import { MIGRATIONS } from '../../src/engine/schema/migrations.js';
import { sql } from '../../src/engine/sql/sql-statement.js';
import { exportWarehouse } from '../../src/pipeline/export/export-warehouse.js';
import { warehouseCatalog } from '../../src/pipeline/export/warehouse-catalog.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { tableDifferences } from '../support/compare-rows.js';
import { demoScenario } from '../support/demo-scenario.js';
import {
  dropSchema,
  freshSchemaName,
  postgresUrlForTests,
} from '../support/postgres-test-server.js';

const url = postgresUrlForTests('export to PostgreSQL');
const LATEST = Math.max(...MIGRATIONS.map((m) => m.version));

const count = async (engine: Engine, table: string) =>
  Number((await engine.query(sql(`SELECT COUNT(*) AS n FROM ${table}`)))[0]?.n);

describe.skipIf(url === null)('export from the embedded warehouse to PostgreSQL', () => {
  const pgUrl = url ?? '';
  const schemas: string[] = [];
  let dir = '';
  let duck: Engine;
  let demo: Awaited<ReturnType<typeof demoScenario>>;
  const target = async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    return connectEngine({ kind: 'postgres', url: pgUrl, schema });
  };

  beforeAll(async () => {
    demo = await demoScenario(3_000, 7);
    dir = demo.dir;
    duck = await openEngine({
      kind: 'duckdb',
      path: join(dir, 'w.duckdb'),
      memoryLimit: '1GB',
      threads: 1,
    });
    await runPipeline(duck, demo.config, { open: demo.open });
  });
  afterAll(async () => {
    await duck.close();
    for (const schema of schemas) await dropSchema(pgUrl, schema);
    await rm(dir, { recursive: true, force: true });
  });

  it('copies every table, row for row, and reports each count', async () => {
    const pg = await target();
    try {
      const { copied, skipped } = await exportWarehouse(duck, pg);
      const tables = (await warehouseCatalog(duck)).map((t) => t.name);
      expect(copied.map((c) => c.table)).toEqual(tables);
      expect(skipped).toEqual([]);
      for (const name of ['schema_migrations', 'source_touchpoints', 'orders', 'credits', 'runs'])
        expect(tables).toContain(name);
      for (const c of copied) {
        expect(c.rows).toBe(await count(duck, c.table));
        expect(await count(pg, c.table)).toBe(c.rows);
      }
      expect(copied.find((c) => c.table === 'credits')?.rows).toBeGreaterThan(1_000);
      for (const table of await warehouseCatalog(duck)) {
        const key = table.columns.slice(0, 1).map((c) => c.name);
        const { differences } = await tableDifferences(duck, pg, table.name, key);
        expect(differences).toEqual([]);
      }
    } finally {
      await pg.close();
    }
  });

  it('gives the same credits when the pipeline then runs again on the server', async () => {
    const pg = await target();
    try {
      await exportWarehouse(duck, pg);
      await runPipeline(pg, demo.config, { open: demo.open });
      const after = await tableDifferences(duck, pg, 'credits', [
        'conversion_id',
        'touchpoint_id',
        'model',
      ]);
      expect(after.differences).toEqual([]);
      expect(after.rows).toBeGreaterThan(0);
      expect(await count(pg, 'runs')).toBe(2);
    } finally {
      await pg.close();
    }
  });

  it('refuses to overwrite a warehouse unless asked, and replaces it whole when asked', async () => {
    const pg = await target();
    try {
      await exportWarehouse(duck, pg);
      await expect(exportWarehouse(duck, pg)).rejects.toThrow(
        /already holds a warehouse .*--replace/,
      );
      const again = await exportWarehouse(duck, pg, { replace: true });
      for (const c of again.copied) expect(await count(pg, c.table)).toBe(c.rows);
    } finally {
      await pg.close();
    }
  });

  it('refuses a target a newer convrev has migrated, and leaves it untouched', async () => {
    const pg = await target();
    try {
      await pg.execute(
        sql(
          'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text, applied_at timestamp)',
        ),
      );
      await pg.execute(
        sql('INSERT INTO schema_migrations VALUES ($1, $2, CURRENT_TIMESTAMP)', [
          LATEST + 1,
          'from the future',
        ]),
      );
      await expect(exportWarehouse(duck, pg)).rejects.toThrow(
        `schema version ${LATEST + 1}, newer than this convrev knows (${LATEST})`,
      );
      const tables = await pg.query(
        sql(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()',
        ),
      );
      expect(tables).toEqual([{ table_name: 'schema_migrations' }]);
    } finally {
      await pg.close();
    }
  });
});
