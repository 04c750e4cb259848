import { lstat, mkdir, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../core/errors.js';
import type { Engine } from '../../engine/engine.js';
import { DERIVED_TABLES } from '../../engine/schema/derived-tables.js';
import { METRIC_TABLES } from '../../engine/schema/metric-tables.js';
import { REPORT_TABLES } from '../../engine/schema/report-tables.js';
import { sql } from '../../engine/sql/sql-statement.js';

/** The tables a BI tool reads: every report table, the attribution results and economics. */
export const PUBLISHED_TABLES: readonly string[] = [
  ...REPORT_TABLES.map((t) => t.name),
  ...['attribution_summary', 'channel_attribution', 'credits'].filter((name) =>
    DERIVED_TABLES.some((t) => t.name === name),
  ),
  ...['conversation_economics'].filter((name) => METRIC_TABLES.some((t) => t.name === name)),
];

export interface PublishManifest {
  readonly run_id: string;
  readonly published_at: string;
  readonly tables: readonly { name: string; file: string; rows: number }[];
}

/** Publishing cannot go on: the engine writes no Parquet, or the folder is not convrev's. */
export class PublishError extends UserError {
  override readonly name = 'PublishError';
}

/**
 * Writes the published tables of the run just committed as `<table>.parquet` plus
 * `manifest.json`, and makes them what `dir` shows in one step: the files go into a fresh
 * version folder beside it (`.<name>.versions/<run id>`), then `dir` — a symbolic link — is
 * replaced by a rename, which is atomic. A reader opening `dir/x.parquet` gets this run's file
 * or the last one, never a mix or a half-written file; the previous version is kept until the
 * next run, so a reader that resolved the link keeps its files for one schedule period.
 */
export async function publishTables(
  engine: Engine,
  dir: string,
  runId: string,
): Promise<PublishManifest> {
  const copy = engine.dialect.copyToFile;
  if (!copy)
    throw new PublishError(
      'publish: this warehouse engine cannot write Parquet (publish needs DuckDB); remove publish: from the config',
    );
  const versions = join(dirname(dir), `.${basename(dir)}.versions`);
  const version = join(versions, runId);
  const previous = await currentTarget(dir);
  await rm(version, { recursive: true, force: true });
  await mkdir(version, { recursive: true });
  const tables: { name: string; file: string; rows: number }[] = [];
  for (const name of PUBLISHED_TABLES) {
    const q = engine.dialect.quoteIdentifier(name);
    const file = `${name}.parquet`;
    await engine.execute(sql(copy(`SELECT * FROM ${q}`, join(version, file), 'parquet')));
    const [count] = await engine.query(sql(`SELECT COUNT(*) AS n FROM ${q}`));
    tables.push({ name, file, rows: Number(count?.n ?? 0) });
  }
  const manifest = { run_id: runId, published_at: new Date().toISOString(), tables };
  await writeFile(join(version, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const link = join(versions, `${runId}.link`);
  await rm(link, { force: true });
  await symlink(version, link, 'dir');
  await rename(link, dir);
  // The previous version stays until the next run: a reader that resolved the link just
  // before the swap can finish reading it.
  for (const old of await readdir(versions))
    if (old !== runId && join(versions, old) !== previous)
      await rm(join(versions, old), { recursive: true, force: true });
  return manifest;
}

/** Where the link `dir` points now; null when it does not exist. A real folder is refused. */
async function currentTarget(dir: string): Promise<string | null> {
  const stat = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (stat === null) return null;
  if (!stat.isSymbolicLink())
    throw new PublishError(
      `publish.dir ${dir} exists and is not convrev's link to its published files: remove it or name another folder (convrev replaces it at every run)`,
    );
  return readlink(dir);
}
