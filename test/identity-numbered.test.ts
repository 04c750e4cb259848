import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createJunkValueFilter,
  resolveJunkPolicy,
  type JunkValuePolicy,
} from '../src/core/identity/junk-value-filter.js';
import type { Engine } from '../src/engine/engine.js';
import { junkCandidateSql, junkValueSql } from '../src/engine/sql/junk-value-sql.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { eachEngine } from './support/each-engine.js';

// Values on both sides of every rule of the junk filter: list entries in other cases and with
// spaces JavaScript's trim removes, repeated digits with and without +, near misses.
const VALUES = [
  'null',
  'NULL',
  ' Null ',
  '\tnone\n',
  '\u00a0anonymous\u3000',
  'n/a',
  'N/A ',
  '[object Object]',
  'test@test.com',
  'TEST@Test.com',
  'tEst@example.com',
  '0',
  '-1',
  '--1',
  '',
  ' ',
  '\ufeff',
  '1111111',
  '+1111111',
  '++1111111',
  '11',
  '1',
  '+1',
  '+',
  '00',
  '0000000000',
  '1111112',
  '12345678',
  '123456789',
  '1234567890 ',
  'ann@acme.example',
  'u-1',
  'crm-7',
  'guest',
  'gUEST',
  'guests',
  'unknown',
  'UNKNOWN\r',
  '\u212aelvin',
  'UN\u212aNOWN',
  ' un\u212anown',
  "o'neil",
  'special',
  'SPECIAL',
  'kiosk-1',
  '٣٣٣',
  'İ',
  'ﬀ',
  'x'.repeat(300),
  // Around the cheap pre-test: first characters in and out of its set, in either case, after
  // spaces, non-ASCII; repeated digits whose last character is not the second, or is a space.
  'Zed',
  'zED',
  ' zed',
  'ÉLAN',
  'élan',
  '7UP',
  '7up ',
  'v-1',
  'xavier@acme.example',
  '+2222222 ',
  ' 0',
  '\u00a0null',
  '+12',
  '+11',
  '1231',
  '9',
  '99',
  '+',
  '-',
  '[',
];
const TYPES = ['email', 'phone', 'user_id', 'anonymous_id'];
const POLICIES: JunkValuePolicy[] = [
  {},
  { extra: ['Special ', 'kiosk-1'] },
  { byType: { user_id: ['guests', 'U-1'] }, repeatedDigits: false },
  { values: [], repeatedDigits: false },
  { values: ['Zed', 'Élan', '7up'], repeatedDigits: false },
  { values: [], byType: { email: ['[none]'] } },
];

for (const factory of eachEngine('identity numbered')) {
  describe(`numbered identity graph on ${factory.name}`, () => {
    let engine: Engine;
    beforeEach(async () => {
      engine = await factory.open();
    });
    afterEach(async () => factory.dispose(engine));

    it('renders the junk filter in SQL with the answers of the TypeScript filter', async () => {
      await engine.execute(sql('CREATE TABLE junk_probe (t TEXT, v TEXT, i INTEGER)'));
      const rows = TYPES.flatMap((t) => VALUES.map((v, i) => [t, v, i] as const));
      await engine.append('junk_probe', rows);
      for (const policy of POLICIES) {
        const isJunk = createJunkValueFilter(policy);
        const predicate = junkValueSql(engine.dialect, resolveJunkPolicy(policy), 't', 'v');
        const got = await engine.query(
          sql(`SELECT t, i, ${predicate} AS junk FROM junk_probe ORDER BY t, i`),
        );
        const expected = [...rows]
          .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2]))
          .map(([t, v, i]) => ({ t, i, junk: isJunk(t, v) }));
        expect(got.map((r) => ({ t: r.t, i: Number(r.i), junk: r.junk === true }))).toEqual(
          expected,
        );
      }
    });

    it('leaves the full junk test only to values the cheap pre-test cannot settle', async () => {
      await engine.execute(sql('CREATE TABLE junk_probe (t TEXT, v TEXT, i INTEGER)'));
      const rows = TYPES.flatMap((t) => VALUES.map((v, i) => [t, v, i] as const));
      await engine.append('junk_probe', rows);
      for (const policy of POLICIES) {
        const isJunk = createJunkValueFilter(policy);
        const candidate = junkCandidateSql(resolveJunkPolicy(policy), 'v');
        const got = await engine.query(
          sql(`SELECT t, v, ${candidate} AS candidate FROM junk_probe ORDER BY t, i`),
        );
        const missed = got.filter((r) => r.candidate !== true && isJunk(String(r.t), String(r.v)));
        expect(missed).toEqual([]);
      }
      const plain = await engine.query(
        sql(`SELECT v, ${junkCandidateSql(resolveJunkPolicy({}), 'v')} AS candidate FROM junk_probe
WHERE t = 'email' AND v IN ('v-1', 'xavier@acme.example', 'kiosk-1', 'Zed')`),
      );
      expect(plain.every((r) => r.candidate === false)).toBe(true);
      expect(plain.length).toBe(4);
    });

    it('reads integer columns into typed arrays and appends them back', async () => {
      await engine.execute(sql('CREATE TABLE int_pairs (a INTEGER, b INTEGER)'));
      const n = 5000; // more than one DuckDB chunk and one PostgreSQL fetch
      const a = Int32Array.from({ length: n }, (_v, i) => i);
      const b = Int32Array.from({ length: n }, (_v, i) => ((i * 7919) % 10007) - 5000);
      expect(await engine.appendIntegers('int_pairs', [a, b])).toBe(n);
      const [ra, rb] = await engine.readIntegers(sql('SELECT a, b FROM int_pairs ORDER BY a'), 2);
      expect(Array.from(ra!)).toEqual(Array.from(a));
      expect(Array.from(rb!)).toEqual(Array.from(b));
      const [empty] = await engine.readIntegers(sql('SELECT a FROM int_pairs WHERE a < 0'), 1);
      expect(empty!.length).toBe(0);
      await expect(
        engine.readIntegers(sql('SELECT CAST(NULL AS INTEGER) AS a'), 1),
      ).rejects.toThrow(/NULL|null/);
    });

    it('appends integer, double and text columns as rows', async () => {
      await engine.execute(
        sql(
          `CREATE TABLE typed_columns (name ${engine.dialect.columnDefinition('text')}, a INTEGER, x ${engine.dialect.columnType('double')})`,
        ),
      );
      const n = 5000; // more than one DuckDB chunk
      const names = Array.from({ length: n }, (_v, i) => (i % 3 === 0 ? 'tab\there' : `n${i % 7}`));
      const a = Int32Array.from({ length: n }, (_v, i) => i - 2500);
      // Doubles that print with every digit: they must come back as the same doubles.
      const x = Float64Array.from({ length: n }, (_v, i) => (i + 1) / 3 + 1e-12 * i);
      expect(await engine.appendColumns('typed_columns', [names, a, x])).toBe(n);
      const rows = await engine.query(sql('SELECT name, a, x FROM typed_columns ORDER BY a'));
      expect(rows.map((r) => r.name)).toEqual(names);
      expect(rows.map((r) => r.a)).toEqual(Array.from(a));
      expect(rows.map((r) => r.x)).toEqual(Array.from(x));
      await expect(engine.appendColumns('typed_columns', [names, a])).rejects.toThrow(/column/);
      await expect(
        engine.appendColumns('typed_columns', [names, a, x.subarray(1)]),
      ).rejects.toThrow(/unequal length/);
    });
  });
}
