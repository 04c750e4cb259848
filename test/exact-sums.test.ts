import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine/engine.js';
import { exactAvgSql, exactSumSql } from '../src/engine/sql/exact-sum-sql.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { eachEngine } from './support/each-engine.js';

// Values whose double sum depends on the order they are added in. Group 1: 1e16, 1, −1e16, 1 is 2,
// but left to right in doubles 1 (1e16 + 1 rounds back to 1e16) and right to left 0. Group 2: ten
// times 0.1 is 1, but in doubles 0.9999999999999999 whatever the order.
const GROUP_1 = [1e16, 1, -1e16, 1];
const GROUP_2 = Array.from({ length: 10 }, () => 0.1);

for (const factory of eachEngine('exact-sums')) {
  describe(`sums of doubles independent of the adding order (${factory.name})`, () => {
    let engine: Engine;
    beforeEach(async () => {
      engine = await factory.open();
      const dbl = engine.dialect.columnType('double');
      await engine.execute(sql(`CREATE TABLE sum_probe (g INTEGER, k INTEGER, v ${dbl})`));
    });
    afterEach(async () => {
      await factory.dispose(engine);
    });

    async function sums(order: 'forward' | 'reversed') {
      const rows = [...GROUP_1.map((v, k) => [1, k, v]), ...GROUP_2.map((v, k) => [2, k, v])];
      await engine.execute(sql('DELETE FROM sum_probe'));
      await engine.append('sum_probe', order === 'forward' ? rows : rows.reverse());
      const d = engine.dialect;
      const windowed = await engine.query(
        sql(
          `SELECT DISTINCT g, ${exactSumSql(d, 'v', 'OVER (PARTITION BY g)')} AS total FROM sum_probe ORDER BY g`,
        ),
      );
      const [whole] = await engine.query(
        sql(
          `SELECT ${exactSumSql(d, 'v')} AS total, ${exactAvgSql(d, 'v')} AS mean FROM sum_probe`,
        ),
      );
      return { windowed, whole };
    }

    it('adds exactly, so the total is the same in any order and rounded once', async () => {
      for (const order of ['forward', 'reversed'] as const) {
        const { windowed, whole } = await sums(order);
        expect(Number(whole?.total)).toBe(3);
        expect(Number(whole?.mean)).toBe(3 / 14);
        expect(windowed.map((r) => Number(r.total))).toEqual([2, 1]);
      }
    });

    it('sums a group whose plain double sum is off in the last bit', async () => {
      const d = engine.dialect;
      await sums('forward');
      const rows = await engine.query(
        sql(
          `SELECT g, ${exactSumSql(d, 'v')} AS total, ${exactAvgSql(d, 'v')} AS mean FROM sum_probe GROUP BY g ORDER BY g`,
        ),
      );
      expect(rows.map((r) => Number(r.total))).toEqual([2, 1]);
      expect(rows.map((r) => Number(r.mean))).toEqual([0.5, 0.1]);
      // The same values added as doubles in JavaScript's left-to-right order miss both.
      expect(GROUP_1.reduce((a, b) => a + b, 0)).not.toBe(2);
      expect(GROUP_2.reduce((a, b) => a + b, 0)).not.toBe(1);
    });

    it('gives NULL for no values, as SUM and AVG do', async () => {
      const d = engine.dialect;
      const [row] = await engine.query(
        sql(
          `SELECT ${exactSumSql(d, 'v')} AS total, ${exactAvgSql(d, 'v')} AS mean FROM sum_probe WHERE g = 99`,
        ),
      );
      expect(row?.total ?? null).toBeNull();
      expect(row?.mean ?? null).toBeNull();
    });
  });
}
