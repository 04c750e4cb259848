import type { Engine } from '../engine.js';
import { sql } from '../sql/sql-statement.js';
import { MIGRATIONS, type Migration } from './migrations.js';

/** Applies every migration the database has not seen, each in its own transaction. */
export async function migrate(
  engine: Engine,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const q = (name: string) => engine.dialect.quoteIdentifier(name);
  await engine.execute(
    sql(
      `CREATE TABLE IF NOT EXISTS ${q('schema_migrations')} (version INTEGER PRIMARY KEY, name ${engine.dialect.columnType('text')}, applied_at ${engine.dialect.columnType('timestamp')})`,
    ),
  );
  const rows = await engine.query(sql(`SELECT version FROM ${q('schema_migrations')}`));
  const applied = new Set(rows.map((r) => Number(r.version)));
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
