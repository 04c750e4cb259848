import type { Engine } from '../engine.js';
import { sql } from '../sql/sql-statement.js';

/**
 * Settings of the engine's one connection: convrev's schema (created when missing) first on the
 * search_path, so the builders' unqualified table names resolve there; UTC, so CURRENT_TIMESTAMP
 * lands in the frame every stored timestamp is in; ISO dates and exact doubles for the result
 * parsers; no JIT.
 */
export async function prepareSession(
  engine: Pick<Engine, 'query' | 'execute' | 'dialect'>,
  schema: string,
): Promise<void> {
  const q = engine.dialect.quoteIdentifier(schema);
  // Looking first spares a user who may use the schema but not create one a needless refusal.
  const found = await engine.query(sql('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]));
  if (found.length === 0) await engine.execute(sql(`CREATE SCHEMA IF NOT EXISTS ${q}`));
  await engine.execute(sql(`SET search_path TO ${q}`));
  await engine.execute(sql("SET TimeZone TO 'UTC'"));
  await engine.execute(sql("SET DateStyle TO 'ISO'"));
  // A server before version 12 prints 15 digits by default and loses a double's last bits.
  await engine.execute(sql('SET extra_float_digits TO 3'));
  // The identity stage's wide UNION ALL costs enough to trigger JIT, which then spends ten times
  // longer compiling it (seconds at 100k touches) than running it.
  await engine.execute(sql('SET jit TO off'));
}
