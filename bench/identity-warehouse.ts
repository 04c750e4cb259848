// `npx tsx bench/identity-warehouse.ts`: deterministic stitching as the identity stage really
// does it, at BENCH_EDGES edges (default 10M): identifiers numbered by the warehouse (embedded
// DuckDB), edges read as integer pairs, the guarded stitch over Int32Arrays, the person of each
// node written back as integers and joined to text in SQL, stable person ids, merge_audit. The
// graph is bench/identity-graph-generator.ts's; its edges are written to identity_edges inside the
// timed transaction's own transaction (untimed), as `convrev run` writes them before stitching.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_IDENTITY } from '../src/core/config/config.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { clearRunTables } from '../src/pipeline/clear-run-tables.js';
import { resolvePersons } from '../src/pipeline/identity/resolve-persons.js';
import { TYPES, numberedGraph } from './identity-graph-generator.js';

const EDGES = Number(process.env.BENCH_EDGES ?? 10_000_000);
const MEMORY_LIMIT = process.env.BENCH_MEMORY_LIMIT ?? '4GB';
const peakRss = () => process.resourceUsage().maxRSS / 1024;
const rss = () => process.memoryUsage.rss() / 2 ** 20;
const fmt = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => (ms / 1000).toFixed(2);

const t0 = performance.now();
const graph = numberedGraph(EDGES);
// A database file, as `convrev run` uses: an in-memory database must hold every table in memory.
const path = join(tmpdir(), `convrev-identity-bench-${process.pid}.duckdb`);
const engine = await openEngine({
  kind: 'duckdb',
  path,
  memoryLimit: MEMORY_LIMIT,
  threads: 2,
});
const typeNames = `(VALUES ${TYPES.map((t, i) => `(${i}, '${t}')`).join(', ')}) AS tn(t, name)`;
await engine.execute(sql('CREATE TABLE bench_pairs (l INTEGER, r INTEGER)'));
await engine.execute(sql('CREATE TABLE bench_node_types (node INTEGER, t INTEGER)'));
await engine.appendIntegers('bench_pairs', [graph.left, graph.right]);
await engine.appendIntegers('bench_node_types', [
  Int32Array.from({ length: graph.nodeCount }, (_v, i) => i),
  Int32Array.from(graph.nodeType),
]);
// Every identifier, as the landing tables' occurrences would give them (identifiers seen alone too).
await engine.execute(
  sql(`CREATE TABLE bench_ids AS SELECT tn.name AS id_type, 'v' || n.node AS id_value
FROM bench_node_types n JOIN ${typeNames} ON tn.t = n.t`),
);
console.log(
  `\nDeterministic stitching in the warehouse: ${fmt(graph.edgeCount)} edges, ${fmt(graph.nodeCount)} identifiers (embedded DuckDB file, memory_limit ${MEMORY_LIMIT}, threads 2; set up in ${seconds(performance.now() - t0)} s)`,
);

/**
 * One run's identity work in one transaction, as `convrev run` does it: the run's derived tables
 * emptied (identifiers and person_id_history kept), identity_edges written (untimed), then
 * resolvePersons timed step by step.
 */
async function timedRun(label: string): Promise<void> {
  const steps: string[] = [];
  await engine.transaction(async () => {
    await clearRunTables(engine);
    await engine.execute(
      sql(`INSERT INTO identity_edges (left_type, left_value, right_type, right_value, source, source_record, rule)
SELECT lt.name, 'v' || p.l, rt.name, 'v' || p.r, 'bench', 'edge:' || p.l || '-' || p.r, 'same_record'
FROM bench_pairs p
JOIN bench_node_types a ON a.node = p.l JOIN (SELECT * FROM ${typeNames}) lt ON lt.t = a.t
JOIN bench_node_types b ON b.node = p.r JOIN (SELECT * FROM ${typeNames}) rt ON rt.t = b.t`),
    );
    const before = rss();
    const start = performance.now();
    let last = start;
    const result = await resolvePersons(engine, DEFAULT_IDENTITY, {
      source: 'SELECT id_type, id_value FROM bench_ids',
      onStep: (name) => {
        const now = performance.now();
        steps.push(`${name} ${seconds(now - last)}`);
        last = now;
      },
    });
    const total = performance.now() - start;
    const refused = Object.entries(result.refused)
      .map(([r, n]) => `${r} ${fmt(n)}`)
      .join(', ');
    console.log(
      `  warehouse-numbered (the identity stage's path), ${label}: ${seconds(total)} s, peak RSS ${peakRss().toFixed(0)} MiB (process high-water mark; ${before.toFixed(0)} MiB before stitching, DuckDB included)`,
    );
    console.log(`    steps (s): ${steps.join(', ')}`);
    console.log(
      `    persons ${fmt(result.persons)}, largest ${result.largestPerson}, shared devices ${fmt(result.sharedDevices)}, refused ${refused}; ${fmt(result.ids.created)} new person ids, ${fmt(result.ids.retired)} retired`,
    );
  });
}

await timedRun('first run');
// The daily case: the same graph again, every person inheriting its id from last run's identifiers.
await timedRun('re-run, nothing changed');
await engine.close();
rmSync(path, { force: true });
rmSync(`${path}.wal`, { force: true });
