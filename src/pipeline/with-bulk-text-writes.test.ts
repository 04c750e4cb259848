import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBEngine } from '../engine/duckdb/duckdb-engine.js';
import { sql } from '../engine/sql/sql-statement.js';
import { withWriteSettings } from './with-bulk-text-writes.js';

describe('withWriteSettings', () => {
  let engine: DuckDBEngine;
  const disabled = async () => {
    const [row] = await engine.query(
      sql("SELECT current_setting('disabled_compression_methods') AS methods"),
    );
    return String(row?.methods ?? '');
  };
  beforeEach(async () => {
    engine = await DuckDBEngine.open({ path: ':memory:', memoryLimit: '256MB', threads: 1 });
  });
  afterEach(() => engine.close());

  it('runs the work under the repeated-text settings and restores them after', async () => {
    const during = await withWriteSettings(engine, engine.dialect.repeatedTextWrites, disabled);
    expect(during).toMatch(/fsst/i);
    expect(await disabled()).toBe('');
  });

  it('restores them when the work fails, and throws the work’s error', async () => {
    const failing = withWriteSettings(engine, engine.dialect.repeatedTextWrites, () =>
      engine.execute(sql('SELECT * FROM no_such_table')),
    );
    await expect(failing).rejects.toThrow(/no_such_table/);
    expect(await disabled()).toBe('');
  });

  it('only runs the work when the dialect has no such settings', async () => {
    expect(await withWriteSettings(engine, undefined, () => Promise.resolve(7))).toBe(7);
  });
});
