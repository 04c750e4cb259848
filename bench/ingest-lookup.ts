// `npm run bench:ingest-lookup`: the stored-key lookup of the ingest path inside one transaction,
// as `convrev run` does it, at a growing record_keys — the semi-join the path uses against the
// plain join it used before, side by side on the same staged keys. Written to the
// `ingest-lookup` section of BENCHMARKS.md. A benchmark, never a test.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DuckDBEngine } from '../src/engine/duckdb/duckdb-engine.js';
import type { LoadValue } from '../src/engine/engine.js';
import { migrate } from '../src/engine/schema/migrate.js';
import { MIGRATIONS } from '../src/engine/schema/migrations.js';
import { clearStagingSql, storedKeysSql } from '../src/engine/sql/ingest-sql.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { machine, writeSection } from './write-benchmarks.js';

const batchRows = 10_000;
const batches = Number(process.env.BENCH_BATCHES ?? 300);
const shuffled = process.env.BENCH_ORDER === 'shuffled';

/** The lookup as it was written before: a plain join, planned with the run's own rows as none. */
const plainJoin = (stagingId: string) =>
  sql(
    `SELECT k.kind, k.record_key, k.record_hash, k.batch_id
FROM ingest_staging s JOIN record_keys k ON k.kind = s.kind AND k.record_key = s.record_key
WHERE s.staging_id = $1`,
    [stagingId],
  );

// Keys in arrival order (ids that grow, as most sources' do) or scattered (hashes, UUIDs).
const keyOf = (n: number) =>
  shuffled
    ? `t-${((n * 2_654_435_761) % 4_294_967_291).toString(36)}`
    : `t-${String(n).padStart(10, '0')}`;

const dir = mkdtempSync(join(tmpdir(), 'convrev-bench-lookup-'));
const engine = await DuckDBEngine.open({
  path: join(dir, 'w.duckdb'),
  memoryLimit: '4GB',
  threads: 2,
});
const lines: string[] = [];
try {
  await migrate(engine, MIGRATIONS);
  const seconds = { semi: 0, plain: 0 };
  const at: string[] = [];
  await engine.transaction(async () => {
    for (let b = 0; b < batches; b++) {
      const stagingId = randomUUID();
      // Each batch offers 10,000 keys: the last 100 of the previous batch again (duplicates), the rest new.
      const first = b * batchRows - (b ? 100 : 0);
      const staged: LoadValue[][] = [];
      for (let i = 0; i < batchRows; i++) staged.push([stagingId, 'touch', keyOf(first + i)]);
      await engine.append('ingest_staging', staged);
      let t = performance.now();
      const semi = await engine.query(storedKeysSql(stagingId));
      const semiS = (performance.now() - t) / 1000;
      t = performance.now();
      const plain = await engine.query(plainJoin(stagingId));
      const plainS = (performance.now() - t) / 1000;
      if (semi.length !== plain.length)
        throw new Error(`batch ${b}: ${semi.length} ≠ ${plain.length}`);
      seconds.semi += semiS;
      seconds.plain += plainS;
      await engine.execute(clearStagingSql(stagingId));
      const rows: LoadValue[][] = [];
      for (let i = 0; i < batchRows; i++)
        rows.push(['touch', keyOf(b * batchRows + i), 'h', `batch-${b}`, Date.now(), 'source', 0]);
      await engine.append('record_keys', rows);
      if ((b + 1) % (batches / 5) === 0)
        at.push(
          `| ${((b + 1) * batchRows).toLocaleString('en-US')} | ${(semiS * 1000).toFixed(1)} | ${(plainS * 1000).toFixed(1)} | ${(plainS / semiS).toFixed(1)}× |`,
        );
    }
  });
  lines.push(
    '## Stored-key lookup inside one transaction (`npm run bench:ingest-lookup`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; DuckDB memory_limit 4GB, threads 2; load average ${loadavg()[0]?.toFixed(1)} when done (other work shares the machine).`,
    `${batches} batches of ${batchRows.toLocaleString('en-US')} keys (100 of each already stored), keys ${shuffled ? 'scattered' : 'in arrival order'}, all in one transaction as \`convrev run\` loads; after each lookup the batch's keys are appended to record_keys. Both forms find the same keys in every batch.`,
    '',
    `**Total lookup time: semi-join (the ingest path) ${seconds.semi.toFixed(2)} s, plain join (before) ${seconds.plain.toFixed(2)} s, ${(seconds.plain / seconds.semi).toFixed(1)}× faster.** The plain join's time per batch grows with record_keys (DuckDB takes the transaction's own rows as none and hashes all of them), so a load through it is quadratic.`,
    '',
    '| record_keys rows | semi-join ms (this batch) | plain join ms | ratio |',
    '|---:|---:|---:|---:|',
    ...at,
  );
  console.log(lines.join('\n'));
  if (!process.env.BENCH_NO_WRITE) writeSection('BENCHMARKS.md', 'ingest-lookup', lines.join('\n'));
} finally {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
}
