import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine, LoadValue } from '../src/engine/engine.js';
import { buildConversionPathsSql, pathTokensSql } from '../src/engine/sql/data-driven-sql.js';
import { pathPacking } from '../src/engine/sql/packed-path-sql.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { prng } from '../src/core/attribution/prng.test-support.js';
import { eachEngine } from './support/each-engine.js';

// 20 channels (5 bits a position, 12 positions a number), one of them quoted, plus touches
// with no channel: journeys from 1 to 16 touches, so some are too long to pack.
const CHANNELS = [
  ...Array.from({ length: 19 }, (_v, i) => `ch${String.fromCharCode(97 + i)}`),
  "o'brien",
];
const AT = Date.UTC(2026, 0, 1);

function journeyRows(): { touches: LoadValue[][]; journeys: LoadValue[][] } {
  const random = prng(5);
  const touches: LoadValue[][] = [];
  const journeys: LoadValue[][] = [];
  for (let c = 0; c < 300; c++) {
    const n = 1 + Math.floor(random() * 16);
    for (let p = 1; p <= n; p++) {
      const id = `t${c}-${p}`;
      const pick = Math.floor(random() * (CHANNELS.length + 2));
      // Past the list: no channel, or an empty one; both are the token (none).
      const channel =
        pick < CHANNELS.length ? CHANNELS[pick]! : pick === CHANNELS.length ? null : '';
      touches.push([
        id,
        'test',
        'marketing',
        channel,
        null,
        null,
        AT + p * 1000,
        null,
        `p${c}`,
        null,
      ]);
      journeys.push([`c${c}`, id, p, n, AT + p * 1000, 0, false, 'influenced', false, false]);
    }
  }
  return { touches, journeys };
}

for (const factory of eachEngine('data-driven-packed-paths')) {
  describe(`conversion paths packed into numbers (${factory.name})`, () => {
    let engine: Engine;
    beforeEach(async () => {
      engine = await factory.open();
    });
    afterEach(async () => {
      await factory.dispose(engine);
    });

    it('writes the paths and numbers of the ordered join of names, long paths included', async () => {
      const { touches, journeys } = journeyRows();
      await engine.append('touchpoints', touches);
      await engine.append('journeys', journeys);
      const tokens = (await engine.query(pathTokensSql())).map((r) => String(r.token)).sort();
      expect(tokens).toContain('(none)');
      expect(pathPacking(tokens).positions).toBe(12);
      const read = () =>
        engine.query(
          sql(
            'SELECT conversion_id, path_id, path, touch_count FROM conversion_paths ORDER BY conversion_id',
          ),
        );
      // Without tokens every path is joined as text: the plain ordered join is the reference.
      await engine.execute(buildConversionPathsSql(engine.dialect, []));
      const joined = await read();
      await engine.execute(sql('DELETE FROM conversion_paths'));
      await engine.execute(buildConversionPathsSql(engine.dialect, tokens));
      const packed = await read();
      expect(packed).toEqual(joined);
      expect(packed.length).toBe(300);
      expect(packed.some((r) => Number(r.touch_count) > 12)).toBe(true);
      expect(packed.some((r) => String(r.path).includes("o'brien > "))).toBe(true);
      const first = journeys
        .filter((j) => j[0] === 'c0')
        .map((j) => {
          const t = touches.find((x) => x[0] === j[1])!;
          return t[3] === null || t[3] === '' ? '(none)' : String(t[3]);
        });
      expect(packed[0]!.path).toBe(first.join(' > '));
    });
  });
}
