import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/adapters/config/load-config.js';
import { generateDemoData } from '../../src/adapters/demo-data/generate-demo-data.js';
import { openSourceFile } from '../../src/adapters/files/open-source-file.js';
import type { Scenario } from './cross-engine-suite.js';

/** The demo data set at a small scale, written to a temporary folder, read from its files. */
export async function demoScenario(scale = 3_000, seed = 42): Promise<Scenario & { dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'convrev-cross-'));
  const data = await generateDemoData({ scale, seed, outDir: join(dir, 'data') });
  const config = await loadConfig(data.configPath, {
    engine: { kind: 'duckdb', path: ':memory:' },
  });
  return { config, open: openSourceFile, dir };
}
