import type { Engine, Row } from '../../src/engine/engine.js';
import { openEngine } from '../../src/engine/open-engine.js';
import { sql } from '../../src/engine/sql/sql-statement.js';
import { warehouseCatalog } from '../../src/pipeline/export/warehouse-catalog.js';
import { dropSchema, freshSchemaName, postgresUrlForTests } from './postgres-test-server.js';

/** An engine to open fresh per test, and how to dispose of it. */
export interface EngineFactory {
  readonly name: string;
  open(): Promise<Engine>;
  dispose(engine: Engine): Promise<void>;
}

/** DuckDB in memory always; PostgreSQL (a fresh schema each time) when the server answers. */
export function eachEngine(suite: string): EngineFactory[] {
  const url = postgresUrlForTests(suite);
  const duck: EngineFactory = {
    name: 'duckdb',
    open: () => openEngine({ kind: 'duckdb', path: ':memory:', memoryLimit: '1GB', threads: 1 }),
    dispose: (engine) => engine.close(),
  };
  if (url === null) return [duck];
  const schemas = new WeakMap<Engine, string>();
  return [
    duck,
    {
      name: 'postgres',
      async open() {
        const schema = freshSchemaName();
        const engine = await openEngine({ kind: 'postgres', url, schema });
        schemas.set(engine, schema);
        return engine;
      },
      async dispose(engine) {
        await engine.close();
        const schema = schemas.get(engine);
        if (schema) await dropSchema(url, schema);
      },
    },
  ];
}

/** Every cell of every table of the warehouse's catalog, as text, with where it sits. */
export async function everyCell(
  engine: Engine,
): Promise<{ table: string; column: string; text: string }[]> {
  const out: { table: string; column: string; text: string }[] = [];
  for (const table of await warehouseCatalog(engine)) {
    const rows: Row[] = await engine.query(
      sql(`SELECT * FROM ${engine.dialect.quoteIdentifier(table.name)}`),
    );
    for (const row of rows)
      for (const [column, v] of Object.entries(row))
        if (v !== null)
          out.push({
            table: table.name,
            column,
            text: v instanceof Date ? v.toISOString() : String(v),
          });
  }
  return out;
}

/** Where any of the needles appears (case-insensitively) in any cell. */
export async function traces(engine: Engine, needles: readonly string[]): Promise<string[]> {
  const lower = needles.map((n) => n.toLowerCase());
  return (await everyCell(engine))
    .filter((c) => lower.some((n) => c.text.toLowerCase().includes(n)))
    .map((c) => `${c.table}.${c.column}: ${c.text.slice(0, 80)}`);
}
