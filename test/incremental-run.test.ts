import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { generateDemoData } from '../src/adapters/demo-data/generate-demo-data.js';
import { digestSourceFile } from '../src/adapters/files/digest-source-file.js';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import type { Config } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { warehouseCatalog } from '../src/pipeline/export/warehouse-catalog.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { readTable } from './support/compare-rows.js';

// Bookkeeping of how and when things were loaded and run, which differs by design, and the
// stages' scratch tables (what one run compared, re-stitched or recomputed), which are no result.
const BOOKKEEPING = new Set([
  'runs',
  'ingest_batches',
  'record_keys',
  'source_files',
  'quality_results',
  'contracts',
  'schema_migrations',
  'attribution_digests',
  'attribution_recompute',
]);
const RESULTS_OF_IDENTITY = new Set([
  'identity_edges',
  'identity_cluster_sizes',
  'identity_largest_clusters',
  'identity_match_rates',
  'identity_shared_devices',
]);
const isScratch = (table: string) =>
  BOOKKEEPING.has(table) || (table.startsWith('identity_') && !RESULTS_OF_IDENTITY.has(table));
const WHEN_RECEIVED = new Set(['received_at']);

/** A SHA-256 of every table but the bookkeeping, each in a total order, receipt times left out. */
async function tableDigests(engine: Engine): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await warehouseCatalog(engine)) {
    if (isScratch(t.name)) continue;
    const rows = await readTable(engine, t.name, []);
    const text = JSON.stringify(
      rows.map((r) => Object.entries(r).filter(([k]) => !WHEN_RECEIVED.has(k))),
      (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
    );
    out[t.name] = `${rows.length}:${createHash('sha256').update(text).digest('hex')}`;
  }
  return out;
}

describe('incremental runs', () => {
  it('an append-only file that grew is read past its loaded part, unchanged input recomputes nothing, and the results equal a full run’s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convrev-incremental-'));
    const data = await generateDemoData({ scale: 600, seed: 7, outDir: join(dir, 'data') });
    const loaded = await loadConfig(data.configPath, {
      engine: { kind: 'duckdb', path: ':memory:' },
    });
    const config: Config = {
      ...loaded,
      sources: loaded.sources.map((s) => ({ ...s, appendOnly: true })),
    };
    const grown = config.sources.filter((s) => s.name === 'orders' || s.name === 'web_touches');
    const whole = new Map(grown.map((s) => [s.path, readFileSync(s.path, 'utf8')]));
    const newRows = new Map<string, number>();
    for (const s of grown) {
      const lines = (whole.get(s.path) ?? '').split('\n');
      const keep = Math.floor(lines.length * 0.8);
      newRows.set(s.name, lines.length - 1 - keep);
      writeFileSync(s.path, `${lines.slice(0, keep).join('\n')}\n`);
    }
    const open = async () => {
      if (config.engine.kind !== 'duckdb') throw new Error('duckdb expected');
      return openEngine(config.engine);
    };
    const run = (engine: Engine) =>
      runPipeline(engine, config, { open: openSourceFile, digest: digestSourceFile });

    // Both warehouses share the first run (person ids are kept from run to run); then one runs
    // incrementally and the other re-reads every file and recomputes everything.
    const incremental = await open();
    const full = await open();
    try {
      await run(incremental);
      await runPipeline(full, config, { open: openSourceFile });
      for (const [path, text] of whole) writeFileSync(path, text);
      const grew = await run(incremental);
      expect(grew.unchanged).toBe(false);
      expect(grew.stages[0]?.detail).toContain(
        `${config.sources.length - 2} unchanged (not read), 2 read past their loaded part`,
      );
      for (const s of grown) expect(grew.ingest.get(s.name)?.offered).toBe(newRows.get(s.name));

      const again = await run(incremental);
      expect(again.unchanged).toBe(true);
      expect(again.stages.map((s) => s.stage)).toEqual(['load', 'unchanged']);
      expect(again.summary).toEqual(grew.summary);
      expect(again.quality.counts).toEqual(grew.quality.counts);
      const [skips] = await incremental.query(
        sql(`SELECT COUNT(*) AS n, SUM(offered) AS offered FROM ingest_batches WHERE skipped`),
      );
      expect([Number(skips?.n), Number(skips?.offered)]).toEqual([
        2 * config.sources.length - 2,
        0,
      ]);

      for (const table of ['identity_state', 'attribution_fingerprints'])
        await full.execute(sql(`DELETE FROM ${table}`));
      const everything = await runPipeline(full, config, { open: openSourceFile });
      expect(everything.stages.find((s) => s.stage === 'journeys')?.detail).toContain(
        'settings changed: all',
      );
      expect(await tableDigests(incremental)).toEqual(await tableDigests(full));
    } finally {
      await incremental.close();
      await full.close();
    }
  });
});
