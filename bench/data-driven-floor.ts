// The floor of the data-driven stage for bench/attribution.ts: hand-written DuckDB SQL doing, as
// plainly as it can be written, the warehouse work any data-driven model needs on the journeys
// the journeys stage wrote — each conversion's channel path, the non-converting journeys' paths,
// the path summary read back, and a credits row for every journey touch from its path position's
// share. The model itself is a stand-in (linear shares, computed in JavaScript): what the floor
// times is the warehouse's part, which no model's math can make shorter.
import type { Engine } from '../src/engine/engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';

export interface FloorTimes {
  readonly paths: number;
  readonly summary: number;
  readonly shares: number;
  readonly credits: number;
  readonly rows: number;
}

const CONVERTING_PATHS = `CREATE TABLE ddf_conv AS
SELECT j.conversion_id, string_agg(COALESCE(t.channel, '(none)'), ' > ' ORDER BY j.position) AS path
FROM journeys j JOIN touchpoints t ON t.touchpoint_id = j.touchpoint_id
GROUP BY j.conversion_id`;

// Persons with touches and no conversion: their last touch and the 90 days before it.
const summarySql = (lookbackDays: number) => `WITH owners AS (
  SELECT t.person_id, MAX(t.occurred_at) AS last_at FROM touchpoints t
  WHERE t.person_id IS NOT NULL
    AND t.person_id NOT IN (SELECT person_id FROM conversions WHERE person_id IS NOT NULL)
  GROUP BY t.person_id
),
non AS (
  SELECT string_agg(COALESCE(t.channel, '(none)'), ' > ' ORDER BY t.occurred_at, t.touchpoint_id) AS path
  FROM owners o JOIN touchpoints t ON t.person_id = o.person_id
  WHERE t.occurred_at BETWEEN o.last_at - INTERVAL ${lookbackDays} DAY AND o.last_at
  GROUP BY o.person_id
)
SELECT path, SUM(c) AS conversions, SUM(nc) AS non_conversions, SUM(v) AS revenue FROM (
  SELECT p.path, 1 AS c, 0 AS nc, cv.value AS v
  FROM ddf_conv p JOIN conversions cv ON cv.conversion_id = p.conversion_id
  UNION ALL SELECT path, 0, 1, 0 FROM non
) x GROUP BY path`;

const CREDITS = `CREATE TABLE ddf_credits AS
SELECT j.conversion_id, j.touchpoint_id, 'floor' AS model, s.fraction, s.fraction * c.value AS value
FROM journeys j
JOIN ddf_conv p ON p.conversion_id = j.conversion_id
JOIN ddf_ids i ON i.path = p.path
JOIN conversions c ON c.conversion_id = j.conversion_id
JOIN ddf_shares s ON s.path_id = i.path_id AND s.position = j.position`;

/** Runs the floor once on the engine's journeys; its tables are dropped after. */
export async function dataDrivenFloor(engine: Engine, lookbackDays: number): Promise<FloorTimes> {
  const clock = lap();
  await engine.execute(sql(CONVERTING_PATHS));
  const paths = clock();
  const summary = await engine.query(sql(summarySql(lookbackDays)));
  const summaryTime = clock();
  // The stand-in model: every position of a converting path earns 1/length.
  const converting = summary.filter((r) => Number(r.conversions) > 0).map((r) => String(r.path));
  const lengths = converting.map((path) => path.split(' > ').length);
  const rows = lengths.reduce((sum, n) => sum + n, 0);
  const ids = new Int32Array(rows);
  const positions = new Int32Array(rows);
  const fractions = new Float64Array(rows);
  let at = 0;
  for (const [id, n] of lengths.entries()) {
    for (let k = 1; k <= n; k++) {
      ids[at] = id;
      positions[at] = k;
      fractions[at++] = 1 / n;
    }
  }
  await engine.execute(sql('CREATE TABLE ddf_ids (path VARCHAR, path_id INTEGER)'));
  await engine.execute(
    sql('CREATE TABLE ddf_shares (path_id INTEGER, position INTEGER, fraction DOUBLE)'),
  );
  await engine.appendColumns('ddf_ids', [converting, Int32Array.from(converting.keys())]);
  await engine.appendColumns('ddf_shares', [ids, positions, fractions]);
  const shares = clock();
  await engine.execute(sql(CREDITS));
  const [count] = await engine.query(sql('SELECT COUNT(*) AS n FROM ddf_credits'));
  const credits = clock();
  for (const table of ['ddf_conv', 'ddf_ids', 'ddf_shares', 'ddf_credits'])
    await engine.execute(sql(`DROP TABLE ${table}`));
  return { paths, summary: summaryTime, shares, credits, rows: Number(count?.n ?? 0) };
}

/** Seconds since the last call (or since it was made). */
function lap(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const seconds = (now - last) / 1000;
    last = now;
    return seconds;
  };
}
