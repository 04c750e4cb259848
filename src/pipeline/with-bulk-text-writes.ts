import type { WriteSettings } from '../engine/dialect.js';
import type { Engine } from '../engine/engine.js';
import { sql } from '../engine/sql/sql-statement.js';

/**
 * Runs `work`, which writes millions of rows of distinct text, under the engine's settings for
 * such writes where its dialect has them (the `bulkTextWrites` capability), restoring them after.
 */
export function withBulkTextWrites<T>(engine: Engine, work: () => Promise<T>): Promise<T> {
  return withWriteSettings(engine, engine.dialect.bulkTextWrites, work);
}

/**
 * Runs `work` under `settings` (a capability of the engine's dialect; nothing when absent),
 * restoring them after. When `work` fails its error is the one thrown: an aborted transaction may
 * refuse the restoring statements too, and the settings only ever change how the engine
 * compresses, never a result.
 */
export async function withWriteSettings<T>(
  engine: Engine,
  settings: WriteSettings | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!settings) return work();
  const run = async (statements: readonly string[]) => {
    for (const statement of statements) await engine.execute(sql(statement));
  };
  await run(settings.begin);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await run(settings.end).catch(() => undefined);
    throw error;
  }
  await run(settings.end);
  return result;
}
