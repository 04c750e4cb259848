import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from '../sql/sql-statement.js';
import { DuckDBEngine } from './duckdb-engine.js';

describe('DuckDBEngine', () => {
  let engine: DuckDBEngine;
  beforeEach(async () => {
    engine = await DuckDBEngine.open({ path: ':memory:', memoryLimit: '512MB', threads: 1 });
    await engine.execute(
      sql(
        'CREATE TABLE t (id VARCHAR, ts TIMESTAMP, day DATE, amount DOUBLE, ok BOOLEAN, n INTEGER)',
      ),
    );
  });
  afterEach(() => engine.close());

  it('applies the memory limit and thread count it was given', async () => {
    const [row] = await engine.query(
      sql("SELECT current_setting('threads') AS threads, current_setting('memory_limit') AS mem"),
    );
    expect(row?.threads).toBe(1);
    expect(String(row?.mem)).toMatch(/^4\d\d\.\dMiB$|^488\.2 MiB$/);
  });

  it('appends typed rows, timestamps and dates from epoch milliseconds', async () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const n = await engine.append('t', [
      ['a', at, Date.UTC(2026, 0, 2), 12.5, true, 7],
      ['b', null, null, null, null, null],
    ]);
    expect(n).toBe(2);
    const rows = await engine.query(
      sql(
        "SELECT id, strftime(ts, '%Y-%m-%dT%H:%M:%S.%g') AS ts, CAST(day AS VARCHAR) AS day, amount, ok, n FROM t ORDER BY id",
      ),
    );
    expect(rows).toEqual([
      { id: 'a', ts: '2026-01-02T03:04:05.678', day: '2026-01-02', amount: 12.5, ok: true, n: 7 },
      { id: 'b', ts: null, day: null, amount: null, ok: null, n: null },
    ]);
  });

  it('rolls back appended rows when the transaction fails', async () => {
    await engine.append('t', [['kept', null, null, 1, null, null]]);
    await expect(
      engine.transaction(async () => {
        await engine.execute(sql('DELETE FROM t'));
        await engine.append('t', [['lost', null, null, 2, null, null]]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await engine.query(sql('SELECT id FROM t'));
    expect(rows).toEqual([{ id: 'kept' }]);
  });

  it('appends to a table re-created with another shape under the same name', async () => {
    await engine.append('t', [['a', null, null, 1, null, null]]);
    await engine.execute(sql('DROP TABLE t'));
    await engine.execute(sql('CREATE TEMP TABLE t (label VARCHAR, total DOUBLE)'));
    expect(await engine.append('t', [['b', 2.5]])).toBe(1);
    expect(await engine.query(sql('SELECT label, total FROM t'))).toEqual([
      { label: 'b', total: 2.5 },
    ]);
    await expect(engine.append('t', [['c', 1, 'extra']])).rejects.toThrow(/2 columns/);
  });

  it('binds positional parameters and names the SQL in errors', async () => {
    await engine.append('t', [['x', null, null, 3, null, null]]);
    expect(await engine.query(sql('SELECT count(*) AS c FROM t WHERE id = $1', ['x']))).toEqual([
      { c: 1 },
    ]);
    await expect(engine.query(sql('SELECT nope FROM t'))).rejects.toMatchObject({
      name: 'EngineError',
      sql: 'SELECT nope FROM t',
    });
  });
});
