import type { SourceConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import { forgetSourceFileSql } from '../../engine/sql/source-files-sql.js';
import type { OpenSourceFile, RawRow, SourceFile } from '../load/source-file.js';
import { newBatchId } from './batch-ids.js';
import type { DigestSourceFile } from './file-digest.js';
import { ingestFiles, type FileIngestOptions } from './ingest-files.js';
import type { IngestEnvironment } from './ingest-environment.js';
import { emptyTotals, type IngestTotals } from './ingest-totals.js';
import { planFileLoads, type FileLoadPlan } from './plan-file-loads.js';

/** A source's totals and how its file was read: not at all, past its loaded part, or in full. */
export type FileTotals = IngestTotals & { readonly load: FileLoadPlan['action'] };

export interface ChangedFileOptions extends FileIngestOptions {
  /** Digests files so unchanged ones are skipped; without it every file is read in full. */
  readonly digest?: DigestSourceFile;
}

/**
 * Ingests the sources whose files changed since their last successful load: an unchanged file
 * is not read (its skip is an ingest_batches row with offered 0 and `skipped`), an append-only
 * file that only grew is read past the records loaded before, any other is read in full. Each
 * file read to its end is recorded in source_files, in the run's transaction when strict, else
 * in its own after the file's batches committed, so only a successful load is ever remembered.
 */
export async function ingestChangedFiles(
  engine: Engine,
  sources: readonly SourceConfig[],
  open: OpenSourceFile,
  env: IngestEnvironment,
  options: ChangedFileOptions,
): Promise<FileTotals[]> {
  if (!options.digest) {
    const totals = await ingestFiles(engine, sources, open, env, options);
    return totals.map((t) => ({ ...t, load: 'full' }));
  }
  const plans = await planFileLoads(engine, sources, env, options.digest);
  const read = plans.filter((p) => p.action !== 'skip');
  const counted = new Map<string, { records: number; complete: boolean }>();
  // A file read in full goes through untouched (the load stage may let the engine read it
  // itself); only an append-only one is read past its loaded records, row by row.
  const opening: OpenSourceFile = async (source) => {
    const plan = read.find((p) => p.source === source) as FileLoadPlan;
    if (plan.action !== 'append') return open(source);
    const count = { records: 0, complete: false };
    counted.set(source.name, count);
    return readPast(await open(source), plan.skipRecords, count);
  };
  const totals = await ingestFiles(
    engine,
    read.map((p) => p.source),
    opening,
    env,
    options,
  );
  const remember = async () => {
    const now = Date.now();
    const skipped = plans.filter((p) => p.action === 'skip');
    if (skipped.length)
      await engine.append(
        'ingest_batches',
        skipped.map((p) => [newBatchId(now), p.source.name, 'file', now, 0, 0, 0, 0, 0, true]),
      );
    for (const [i, p] of read.entries()) {
      // A strict load that returned read every record of every file (offered = records).
      const count = counted.get(p.source.name) ?? {
        records: (totals[i] as IngestTotals).offered,
        complete: options.strict,
      };
      if (!count.complete) continue;
      await engine.execute(forgetSourceFileSql(p.source.name));
      await engine.append('source_files', [
        [
          p.source.name,
          p.source.path,
          p.settingsDigest,
          p.digest.bytes,
          p.digest.sha256,
          count.records,
          now,
        ],
      ]);
    }
  };
  if (options.strict) await remember();
  else await engine.transaction(remember);
  return plans.map((p) => {
    const i = read.indexOf(p);
    return { ...(i < 0 ? emptyTotals() : (totals[i] as IngestTotals)), load: p.action };
  });
}

/** The file's records past the first `skip`, counting every record and whether it read to the end. */
function readPast(
  file: SourceFile,
  skip: number,
  count: { records: number; complete: boolean },
): SourceFile {
  return {
    columns: file.columns,
    async *rows(rowOptions): AsyncIterable<RawRow> {
      for await (const row of file.rows(rowOptions)) {
        count.records++;
        if (count.records > skip) yield row;
      }
      count.complete = true;
    },
  };
}
