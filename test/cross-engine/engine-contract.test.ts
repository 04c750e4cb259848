import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine, LoadValue } from '../../src/engine/engine.js';
import { openEngine } from '../../src/engine/open-engine.js';
import { migrate, schemaVersion } from '../../src/engine/schema/migrate.js';
import { MIGRATIONS } from '../../src/engine/schema/migrations.js';
import { sql } from '../../src/engine/sql/sql-statement.js';
import {
  dropSchema,
  freshSchemaName,
  postgresUrlForTests,
} from '../support/postgres-test-server.js';

const url = postgresUrlForTests('engine contract');

/** Every engine, opened fresh for each test; PostgreSQL in a schema of its own. */
const ENGINES: {
  name: string;
  open: () => Promise<{ engine: Engine; done: () => Promise<void> }>;
}[] = [
  {
    name: 'duckdb',
    open: async () => {
      const engine = await openEngine({
        kind: 'duckdb',
        path: ':memory:',
        memoryLimit: '512MB',
        threads: 1,
      });
      return { engine, done: () => engine.close() };
    },
  },
  ...(url === null
    ? []
    : [
        {
          name: 'postgres',
          open: async () => {
            const schema = freshSchemaName();
            const engine = await openEngine({ kind: 'postgres', url, schema });
            return {
              engine,
              done: async () => {
                await engine.close();
                await dropSchema(url, schema);
              },
            };
          },
        },
      ]),
];

// Text that breaks naive COPY, CSV or SQL rendering: delimiters, escapes, quotes, the NULL marker.
const AWKWARD = [
  'tab\there',
  'line\nbreak',
  'carriage\rreturn',
  'back\\slash',
  '\\N',
  'N',
  '',
  "O'Brien; DROP TABLE t; --",
  '"double" quotes, commas',
  'Ümlaut — 渠道',
  'emoji 🚀 and \u00a0 nbsp',
  '\\.',
];

describe.each(ENGINES)('the $name engine', ({ open }) => {
  let engine: Engine;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ engine, done } = await open());
    const d = engine.dialect;
    const cols = (
      [
        ['id', 'text'],
        ['ts', 'timestamp'],
        ['day', 'date'],
        ['amount', 'double'],
        ['ok', 'boolean'],
        ['n', 'integer'],
        ['big', 'bigint'],
      ] as const
    ).map(([name, type]) => `${name} ${d.columnDefinition(type)}`);
    await engine.execute(sql(`CREATE TABLE t (${cols.join(', ')})`));
  });
  afterEach(() => done());

  it('appends typed rows and reads back the same instants, dates and numbers', async () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const rows: LoadValue[][] = [
      ['a', at, Date.UTC(2026, 0, 2), 12.5, true, 7, 9_007_199_254_740_991],
      ['b', null, null, null, null, null, null],
      ['c', Date.UTC(1969, 11, 31, 23, 59, 59, 1), Date.UTC(1900, 1, 28), 0.1 + 0.2, false, -3, -1],
      ['d', Date.UTC(2026, 5, 30, 23, 59, 59, 999), Date.UTC(2026, 5, 30), 1e-300, null, 0, 0],
    ];
    expect(await engine.append('t', rows)).toBe(4);
    const back = await engine.query(sql('SELECT * FROM t ORDER BY id'));
    expect(back).toEqual([
      {
        id: 'a',
        ts: new Date(at),
        day: new Date(Date.UTC(2026, 0, 2)),
        amount: 12.5,
        ok: true,
        n: 7,
        big: 9_007_199_254_740_991,
      },
      { id: 'b', ts: null, day: null, amount: null, ok: null, n: null, big: null },
      {
        id: 'c',
        ts: new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 1)),
        day: new Date(Date.UTC(1900, 1, 28)),
        amount: 0.1 + 0.2,
        ok: false,
        n: -3,
        big: -1,
      },
      {
        id: 'd',
        ts: new Date(Date.UTC(2026, 5, 30, 23, 59, 59, 999)),
        day: new Date(Date.UTC(2026, 5, 30)),
        amount: 1e-300,
        ok: null,
        n: 0,
        big: 0,
      },
    ]);
  });

  it('keeps awkward text byte for byte through a bulk load, and \\N stays text', async () => {
    await engine.append(
      't',
      AWKWARD.map((text, i) => [text, null, null, i, null, null, null]),
    );
    const back = await engine.query(sql('SELECT id, amount FROM t ORDER BY amount'));
    expect(back.map((r) => r.id)).toEqual(AWKWARD);
    const [nulls] = await engine.query(sql('SELECT COUNT(*) AS n FROM t WHERE id IS NULL'));
    expect(nulls?.n).toBe(0);
    // The same text bound as a parameter finds its row: nothing was altered on the way in.
    for (const text of AWKWARD) {
      const [hit] = await engine.query(sql('SELECT COUNT(*) AS n FROM t WHERE id = $1', [text]));
      expect(hit?.n).toBe(1);
    }
  });

  it('sorts text by bytes where the dialect asks for it', async () => {
    const ids = ['b', 'B', 'a', '_x', 'Z', 'é', 'e', '10', '9', 'ä'];
    await engine.append(
      't',
      ids.map((id) => [id, null, null, null, null, null, null]),
    );
    const d = engine.dialect;
    const rows = await engine.query(sql(`SELECT id FROM t ORDER BY ${d.byteOrder('id')}`));
    const bytes = [...ids].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect(rows.map((r) => r.id)).toEqual(bytes);
    const [min] = await engine.query(sql('SELECT MIN(id) AS m, MAX(id) AS x FROM t'));
    expect([min?.m, min?.x]).toEqual([bytes[0], bytes.at(-1)]);
  });

  it('renders day arithmetic, exact second differences and short hashes alike', async () => {
    const d = engine.dialect;
    const [row] = await engine.query(
      sql(`SELECT ${d.minusDays("CAST('2026-03-01 00:00:00.5' AS TIMESTAMP)", '90')} AS start,
        ${d.secondsBetween("CAST('2026-01-02 00:00:00.123' AS TIMESTAMP)", "CAST('2025-12-01 00:00:00.001' AS TIMESTAMP)")} AS secs,
        ${d.shortHash("'email' || chr(1) || 'ann@x.example'")} AS h`),
    );
    expect(row).toEqual({
      start: new Date(Date.UTC(2025, 11, 1, 0, 0, 0, 500)),
      secs: 2764800.122,
      h: createHash('md5').update('email\u0001ann@x.example').digest('hex').slice(0, 16),
    });
  });

  it('hashes rows of values with NULLs and order told apart, the same row alike', async () => {
    const d = engine.dialect;
    const h = (...exprs: string[]) => d.rowHash(exprs);
    const [row] = await engine.query(
      sql(`SELECT CAST(${h("'ab'", "'c'")} AS ${d.columnType('text')}) AS a,
        CAST(${h("'ab'", "'c'")} AS ${d.columnType('text')}) AS same,
        CAST(${h("'a'", "'bc'")} AS ${d.columnType('text')}) AS split,
        CAST(${h("'c'", "'ab'")} AS ${d.columnType('text')}) AS swapped,
        CAST(${h("'ab'", 'CAST(NULL AS INTEGER)')} AS ${d.columnType('text')}) AS tail_null,
        CAST(${h('CAST(NULL AS INTEGER)', "'ab'")} AS ${d.columnType('text')}) AS head_null,
        CAST(${h("'ab'", "'~'")} AS ${d.columnType('text')}) AS tilde`),
    );
    expect(row?.same).toBe(row?.a);
    const values = Object.entries(row ?? {})
      .filter(([k]) => k !== 'same')
      .map(([, v]) => v);
    expect(new Set(values).size).toBe(values.length);
  });

  it('returns counts and sums as numbers, and integers past 2^53 as bigints', async () => {
    await engine.append('t', [
      ['x', null, null, 1.5, null, 2, 2 ** 52],
      ['y', null, null, 2.25, null, 3, 2 ** 52],
    ]);
    const [row] = await engine.query(
      sql('SELECT COUNT(*) AS c, SUM(n) AS s, SUM(amount) AS a, SUM(big) AS b, AVG(n) AS m FROM t'),
    );
    expect(row).toEqual({ c: 2, s: 5, a: 3.75, b: 2n ** 53n, m: 2.5 });
    const [huge] = await engine.query(sql('SELECT CAST(9007199254740993 AS BIGINT) AS v'));
    expect(huge?.v).toBe(9_007_199_254_740_993n);
  });

  it('rolls back statements and bulk loads when the transaction fails', async () => {
    await engine.append('t', [['kept', null, null, 1, null, null, null]]);
    await expect(
      engine.transaction(async () => {
        await engine.execute(sql('DELETE FROM t'));
        await engine.append('t', [['lost', null, null, 2, null, null, null]]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await engine.query(sql('SELECT id FROM t'))).toEqual([{ id: 'kept' }]);
  });

  it('aborts a bulk load whose rows fail midway, reports their error and stays usable', async () => {
    function* rows(): Iterable<LoadValue[]> {
      for (let i = 0; i < 50_000; i++) {
        if (i === 30_000) throw new Error('row 30000 is bad');
        yield [`r${i}`, Date.UTC(2026, 0, 1) + i, null, i, true, i, i];
      }
    }
    await expect(engine.transaction(() => engine.append('t', rows()))).rejects.toThrow(
      'row 30000 is bad',
    );
    expect(await engine.query(sql('SELECT COUNT(*) AS n FROM t'))).toEqual([{ n: 0 }]);
    expect(await engine.append('t', [['after', null, null, null, null, null, null]])).toBe(1);
  });

  it('refuses a row of the wrong width, naming the table', async () => {
    const short = engine.append('t', [['short', null]]);
    await expect(short).rejects.toMatchObject({ name: 'EngineError' });
    await expect(short).rejects.toThrow(/append to t: row .*2 values, table has 7 columns/);
  });

  it('binds positional parameters and names the SQL in errors', async () => {
    await engine.append('t', [['x', null, null, 3, null, null, null]]);
    expect(await engine.query(sql('SELECT count(*) AS c FROM t WHERE id = $1', ['x']))).toEqual([
      { c: 1 },
    ]);
    await expect(engine.query(sql('SELECT nope FROM t'))).rejects.toMatchObject({
      name: 'EngineError',
      sql: 'SELECT nope FROM t',
    });
  });

  it('streams a large result in chunks, in order', async () => {
    const n = 25_000;
    await engine.append(
      't',
      Array.from({ length: n }, (_v, i): LoadValue[] => [
        String(i).padStart(6, '0'),
        null,
        null,
        i,
        null,
        i,
        null,
      ]),
    );
    let seen = 0;
    let chunks = 0;
    for await (const chunk of engine.stream(
      sql('SELECT id, n FROM t WHERE n >= $1 ORDER BY n', [0]),
    )) {
      chunks++;
      for (const row of chunk) expect(row.n).toBe(seen++);
    }
    expect(seen).toBe(n);
    expect(chunks).toBeGreaterThan(1);
    // The engine is free again once the stream is done.
    expect(await engine.query(sql('SELECT COUNT(*) AS c FROM t'))).toEqual([{ c: n }]);
  });

  it('migrates once, and refuses a warehouse a newer convrev has migrated', async () => {
    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    expect(await migrate(engine)).toEqual([]);
    expect(await schemaVersion(engine)).toBe(latest);
    await engine.execute(
      sql('INSERT INTO schema_migrations VALUES ($1, $2, CURRENT_TIMESTAMP)', [
        latest + 1,
        'from the future',
      ]),
    );
    await expect(migrate(engine)).rejects.toThrow(
      `schema version ${latest + 1}, newer than this convrev knows (${latest})`,
    );
  });
});
