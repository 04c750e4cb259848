import { EngineError } from '../../core/errors.js';
import type { Engine } from '../engine.js';
import { sql } from '../sql/sql-statement.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { MIGRATIONS_TABLE } from './migrations-table.js';

/** The schema version a database is at: its highest applied migration, 0 when it has none. */
export async function schemaVersion(engine: Engine): Promise<number> {
  await ensureMigrationsTable(engine);
  const [row] = await engine.query(
    sql(
      `SELECT COALESCE(MAX(version), 0) AS version FROM ${engine.dialect.quoteIdentifier('schema_migrations')}`,
    ),
  );
  return Number(row?.version ?? 0);
}

/**
 * Applies every migration the database has not seen, each in its own transaction. Refuses a
 * database that a newer convrev has migrated past what this one knows: writing to it with the
 * old schema in mind would corrupt it.
 */
export async function migrate(
  engine: Engine,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const q = (name: string) => engine.dialect.quoteIdentifier(name);
  await ensureMigrationsTable(engine);
  const rows = await engine.query(sql(`SELECT version FROM ${q('schema_migrations')}`));
  const applied = new Set(rows.map((r) => Number(r.version)));
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new EngineError(
      `the warehouse is at schema version ${newest}, newer than this convrev knows (${known}): upgrade convrev`,
      '',
    );
  }
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await engine.transaction(async () => {
      for (const statement of migration.statements(engine.dialect))
        await engine.execute(sql(statement));
      await engine.execute(
        sql(`INSERT INTO ${q('schema_migrations')} VALUES ($1, $2, CURRENT_TIMESTAMP)`, [
          migration.version,
          migration.name,
        ]),
      );
    });
    done.push(migration.version);
  }
  return done;
}

async function ensureMigrationsTable(engine: Engine): Promise<void> {
  const d = engine.dialect;
  // The version is the key: two runs migrating at once cannot both record one version.
  const columns = MIGRATIONS_TABLE.columns.map(
    (c) => `${c.name} ${d.columnDefinition(c.type)}${c.name === 'version' ? ' PRIMARY KEY' : ''}`,
  );
  await engine.execute(
    sql(
      `CREATE TABLE IF NOT EXISTS ${d.quoteIdentifier(MIGRATIONS_TABLE.name)} (${columns.join(', ')})`,
    ),
  );
}
