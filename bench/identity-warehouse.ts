// `npx tsx bench/identity-warehouse.ts`: deterministic stitching as the identity stage really
// does it, at BENCH_EDGES edges (default 10M): identifiers numbered by the warehouse (embedded
// DuckDB), edges read as integer pairs, the guarded stitch over Int32Arrays, the person of each
// node written back as integers and joined to text in SQL, stable person ids, merge_audit. The
// graph is bench/identity-graph-generator.ts's; its edges are written to identity_edges inside the
// timed transaction (untimed), as `convrev run` writes them before stitching. Three runs: a first
// on an empty warehouse (the full path), a re-run on the same graph, and a run after a batch that
// adds 1% more edges, each joining a new identifier to an existing one (both incremental). Before
// them, the floor: hand-written SQL doing the least any warehouse path must do on a first run, so
// that the stage's first run reads as a multiple of it (a ratio holds on a busy machine).
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDENTIFIER_FIELDS } from '../src/core/canonical/source-kinds.js';
import { DEFAULT_IDENTITY } from '../src/core/config/config.js';
import { guardedStitch } from '../src/core/identity/guarded-stitch.js';
import { compileStitchGuards } from '../src/core/identity/stitch-guards.js';
import { openEngine } from '../src/engine/open-engine.js';
import { typeIndexSql } from '../src/engine/sql/identity-graph-sql.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import type { EdgeTable } from '../src/engine/sql/identity-sql.js';
import { clearRunTables } from '../src/pipeline/clear-run-tables.js';
import { resolveIdentity } from '../src/pipeline/identity/resolve-identity.js';
import { guardsOf } from '../src/pipeline/identity/resolve-persons.js';
import { withBulkTextWrites } from '../src/pipeline/with-bulk-text-writes.js';
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

/** A late batch: 1% more edges, each joining a new email to an existing identifier. */
const BATCH = Math.max(1, Math.floor(graph.edgeCount / 100));
await engine.execute(
  sql(`CREATE TABLE bench_batch AS SELECT 'email' AS id_type, 'new' || i AS id_value, (i * 97) % ${graph.nodeCount} AS node
FROM generate_series(0, ${BATCH - 1}) s(i)`),
);
const runEdges = (withBatch: boolean, into: EdgeTable) => {
  const rule = into === 'identity_edges';
  return sql(`INSERT INTO ${into} (left_type, left_value, right_type, right_value, source, source_record${rule ? ', rule' : ''})
SELECT * ${rule ? ", 'same_record'" : ''} FROM (
SELECT lt.name, 'v' || p.l, rt.name, 'v' || p.r, 'bench', 'edge:' || p.l || '-' || p.r
FROM bench_pairs p
JOIN bench_node_types a ON a.node = p.l JOIN (SELECT * FROM ${typeNames}) lt ON lt.t = a.t
JOIN bench_node_types b ON b.node = p.r JOIN (SELECT * FROM ${typeNames}) rt ON rt.t = b.t${
    withBatch
      ? `
UNION ALL
SELECT t.name, 'v' || b.node, b.id_type, b.id_value, 'bench', 'batch:' || b.id_value
FROM bench_batch b JOIN bench_node_types n ON n.node = b.node JOIN (SELECT * FROM ${typeNames}) t ON t.t = n.t`
      : ''
  }) e`);
};
const ids = (withBatch: boolean) =>
  `SELECT id_type, id_value FROM bench_ids${withBatch ? ' UNION ALL SELECT id_type, id_value FROM bench_batch' : ''}`;

/**
 * One run's identity work in one transaction, as `convrev run` does it: the run's derived tables
 * emptied (identifiers, identity_edges, merge_audit and person_id_history kept), then
 * resolveIdentity timed step by step: it writes the run's edges (where the stage's SQL would
 * find them in the landing tables; here from bench_pairs, timed apart), compares them with the
 * kept graph and re-stitches all of it or only the persons they touch.
 */
async function timedRun(label: string, withBatch: boolean): Promise<void> {
  const steps: string[] = [];
  await engine.transaction(async () => {
    await clearRunTables(engine);
    const before = rss();
    const start = performance.now();
    let last = start;
    let edgeWrites = 0;
    const result = await resolveIdentity(engine, DEFAULT_IDENTITY, {
      source: ids(withBatch),
      writeEdges: (into) => engine.execute(runEdges(withBatch, into)),
      onStep: (name) => {
        const now = performance.now();
        steps.push(`${name} ${seconds(now - last)}`);
        if (name === 'write edges') edgeWrites = now - last;
        last = now;
      },
    });
    const total = performance.now() - start - edgeWrites;
    const refused = Object.entries(result.refused)
      .map(([r, n]) => `${r} ${fmt(n)}`)
      .join(', ');
    const how =
      result.mode === 'full'
        ? `full: ${result.fullReason ?? ''}`
        : `incremental: ${fmt(result.touchedPersons)} earlier persons and ${fmt(result.restitchedIdentifiers)} identifiers re-stitched`;
    console.log(
      `  warehouse-numbered (the identity stage's path), ${label} (${how}): ${seconds(total)} s without writing the run's edges (${seconds(edgeWrites)} s), peak RSS ${peakRss().toFixed(0)} MiB (process high-water mark; ${before.toFixed(0)} MiB before stitching, DuckDB included)`,
    );
    console.log(`    steps (s): ${steps.join(', ')}`);
    if (floorMs > 0 && result.mode === 'full')
      console.log(
        `    ${(total / floorMs).toFixed(2)}x the floor's first run (${seconds(floorMs)} s)`,
      );
    const [persons] = await engine.query(
      sql(`SELECT COUNT(DISTINCT person_id) AS persons FROM identifiers`),
    );
    console.log(
      `    identifiers ${fmt(result.identifiers)}, persons ${fmt(Number(persons?.persons ?? 0))}, shared devices ${fmt(result.sharedDevices)}, refused ${refused}; ${fmt(result.ids.created)} new person ids, ${fmt(result.ids.retired)} retired`,
    );
  });
}

/**
 * The floor of a first run: the least any warehouse path must do with the same edges, in
 * hand-written SQL — the distinct identifiers numbered in no particular order (a temporary table),
 * the edges read back as integer pairs, and every identifier written with its person as an
 * integer — around the same guarded stitch, timed apart. None of what the stage adds: junk
 * values, numbering in key order (so that results do not depend on storage order), person ids
 * that survive runs, merge_audit, shared devices. Rolled back, as its tables are the floor's own.
 */
async function floorRun(): Promise<number> {
  const rollback = new Error('floor rolled back');
  let ms = 0;
  await engine
    .transaction(async () => {
      await clearRunTables(engine);
      await engine.execute(sql('DELETE FROM identity_edges'));
      await engine.execute(runEdges(false, 'identity_edges'));
      // The stage's own settings for bulk text writes: the two differ in SQL, not in settings.
      ms = await withBulkTextWrites(engine, floorSteps);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return ms;
}

async function floorSteps(): Promise<number> {
  const t0 = performance.now();
  await engine.execute(
    sql(`CREATE TEMP TABLE floor_nodes AS SELECT id_type, id_value,
  CAST(ROW_NUMBER() OVER () - 1 AS INTEGER) AS node, ${typeIndexSql(engine.dialect, 'id_type')} AS type_index
FROM (SELECT DISTINCT id_type, id_value FROM (${ids(false)}) s) d`),
  );
  const [types] = await engine.readIntegers(
    sql('SELECT type_index FROM floor_nodes ORDER BY node'),
    1,
  );
  const [left, right] = await engine.readIntegers(
    sql(`SELECT l.node, r.node FROM identity_edges e
JOIN floor_nodes l ON l.id_type = e.left_type AND l.id_value = e.left_value
JOIN floor_nodes r ON r.id_type = e.right_type AND r.id_value = e.right_value`),
    2,
  );
  const t1 = performance.now();
  const nodeType = Uint8Array.from(types!);
  const outcome = guardedStitch(
    {
      nodeCount: nodeType.length,
      nodeType,
      edgeCount: left!.length,
      left: left!,
      right: right!,
    },
    compileStitchGuards(guardsOf(DEFAULT_IDENTITY), IDENTIFIER_FIELDS),
  );
  const t2 = performance.now();
  await engine.execute(sql('CREATE TEMP TABLE floor_persons (node INTEGER, person INTEGER)'));
  await engine.appendIntegers('floor_persons', [
    Int32Array.from({ length: nodeType.length }, (_v, i) => i),
    outcome.component,
  ]);
  await engine.execute(
    sql(`CREATE TABLE floor_identifiers AS SELECT n.id_type, n.id_value, p.person
FROM floor_nodes n JOIN floor_persons p ON p.node = n.node`),
  );
  const t3 = performance.now();
  const warehouse = t1 - t0 + (t3 - t2);
  console.log(
    `  floor (hand-written SQL, the least a warehouse path must do), first run: ${seconds(t3 - t0)} s — in the warehouse ${seconds(warehouse)} (number and read the graph ${seconds(t1 - t0)}, write identifiers ${seconds(t3 - t2)}), the same guarded stitch ${seconds(t2 - t1)}; ${fmt(nodeType.length)} identifiers, ${fmt(outcome.components)} persons`,
  );
  return t3 - t0;
}

const floorMs = await floorRun();
await timedRun('first run', false);
// The daily case: the same graph again; nothing changed, nothing is re-stitched.
await timedRun('re-run, nothing changed', false);
await timedRun(`after a batch of ${fmt(BATCH)} new edges`, true);
await engine.close();
rmSync(path, { force: true });
rmSync(`${path}.wal`, { force: true });
