// The load stage against its floor: the same demo files read by DuckDB's own readers in
// hand-written SQL (the native read), CPU seconds (user + system of this process, DuckDB's
// threads included) side by side in alternating rounds. `npm run bench:load` runs it alone
// (BENCH_SCALE, BENCH_ROUNDS); `npm run bench` runs it on its own demo files.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { generateDemoData } from '../src/adapters/demo-data/generate-demo-data.js';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import type { Config } from '../src/core/config/config.js';
import { openEngine } from '../src/engine/open-engine.js';
import { quoteIdentifier, quoteLiteral } from '../src/engine/quote.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { createIngestEnvironment } from '../src/pipeline/ingest/create-ingest-environment.js';
import { ingestFiles } from '../src/pipeline/ingest/ingest-files.js';
import { machine, writeSection } from './write-benchmarks.js';

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

/** The floor: every source file into a table of its own by DuckDB's reader, nothing else. */
async function nativeRead(config: Config, path: string): Promise<number> {
  const engine = await openEngine({ kind: 'duckdb', path, memoryLimit: '2GB', threads: 2 });
  try {
    const t0 = process.cpuUsage();
    for (const [i, s] of config.sources.entries()) {
      const reader =
        s.format === 'csv'
          ? `read_csv(${quoteLiteral(s.path)}, header = true)`
          : `read_json(${quoteLiteral(s.path)}, format = 'newline_delimited')`;
      await engine.execute(
        sql(`CREATE TABLE ${quoteIdentifier(`floor_${i}`)} AS SELECT * FROM ${reader}`),
      );
    }
    return cpuSeconds(t0);
  } finally {
    await engine.close();
  }
}

/** The load stage as `convrev run` runs it: every source, strict, in one transaction. */
async function loadStage(config: Config, path: string): Promise<number> {
  const engine = await openEngine({ kind: 'duckdb', path, memoryLimit: '2GB', threads: 2 });
  try {
    const env = createIngestEnvironment(config);
    const t0 = process.cpuUsage();
    await engine.transaction(() =>
      ingestFiles(engine, config.sources, openSourceFile, env, {
        strict: true,
        batchRows: config.ingest?.batchRows ?? 10_000,
      }),
    );
    return cpuSeconds(t0);
  } finally {
    await engine.close();
  }
}

/** Alternating rounds (the floor first in odd rounds); the markdown lines of the result. */
export async function loadAgainstFloor(
  config: Config,
  label: string,
  rounds: number,
): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'convrev-load-floor-'));
  const ratios: number[] = [];
  const lines: string[] = [];
  try {
    for (let r = 1; r <= rounds; r++) {
      const order = r % 2 === 1 ? (['floor', 'load'] as const) : (['load', 'floor'] as const);
      const seconds: Record<string, number> = {};
      for (const which of order) {
        const path = join(dir, `${which}-${r}.duckdb`);
        seconds[which] =
          which === 'floor' ? await nativeRead(config, path) : await loadStage(config, path);
        rmSync(path, { force: true });
        rmSync(`${path}.wal`, { force: true });
      }
      const ratio = (seconds.load ?? 0) / (seconds.floor ?? 1);
      ratios.push(ratio);
      lines.push(
        `| ${label} | ${r} (${order.join(' then ')}) | ${(seconds.load ?? 0).toFixed(2)} | ${(seconds.floor ?? 0).toFixed(2)} | ${ratio.toFixed(2)}x | ${loadavg()[0]?.toFixed(1)} |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  lines.push(
    `| ${label} | median | | | **${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(2)}x** | |`,
  );
  return lines;
}

/** The section of BENCHMARKS.md, from the rows of every scale measured. */
export function loadSection(rows: readonly string[]): string {
  return [
    '## Pipeline/load: the load stage against a native read (`npm run bench:load`, also in `npm run bench`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, CPU seconds (user + system of the process, DuckDB's threads included) in alternating rounds. Load: every demo source through \`ingestFiles\` as \`convrev run\` calls it (strict, one transaction). Floor: the same files into tables by DuckDB's read_csv / read_json in hand-written SQL. Goal: load within 1.5x of the floor.`,
    '',
    '| scale | round | load CPU s | floor CPU s | load / floor | load average (1 min) |',
    '|---|---|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scales = (process.env.BENCH_SCALE ?? '100000').split(',').map(Number);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const rows: string[] = [];
  for (const scale of scales) {
    const dir = mkdtempSync(join(tmpdir(), 'convrev-bench-load-'));
    try {
      const data = await generateDemoData({ scale, seed: 42, outDir: join(dir, 'data') });
      const config = await loadConfig(data.configPath, {
        engine: { kind: 'duckdb', path: join(dir, 'x.duckdb') },
      });
      rows.push(...(await loadAgainstFloor(config, scale.toLocaleString('en-US'), rounds)));
      process.stdout.write(`${rows.join('\n')}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  writeSection(
    join(import.meta.dirname, '..', 'BENCHMARKS.md'),
    'pipeline-load',
    loadSection(rows),
  );
}
