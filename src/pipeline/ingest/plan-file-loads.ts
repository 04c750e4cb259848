import { createHash } from 'node:crypto';
import type { SourceConfig } from '../../core/config/config.js';
import { formatSchemaVer } from '../../core/contracts/schema-ver.js';
import type { Engine } from '../../engine/engine.js';
import { sourceFilesSql } from '../../engine/sql/source-files-sql.js';
import type { DigestSourceFile, FileDigest } from './file-digest.js';
import type { IngestEnvironment } from './ingest-environment.js';

/**
 * What to do with one source's file: `skip` it (unchanged since its last successful load under
 * the same settings), `append` (an append-only file that only grew: read past `skipRecords`), or
 * read it in `full`.
 */
export interface FileLoadPlan {
  readonly source: SourceConfig;
  readonly action: 'skip' | 'append' | 'full';
  /** Records of the file already loaded (append), which the reader passes over. */
  readonly skipRecords: number;
  readonly digest: FileDigest;
  readonly settingsDigest: string;
}

/**
 * Decides per source, from the file's digest and the digest of everything that shapes how it is
 * read (the source's config, canonically serialised, the contract versions, the ingest settings,
 * a probe of the PII salt), whether it needs reading at all.
 */
export async function planFileLoads(
  engine: Engine,
  sources: readonly SourceConfig[],
  env: IngestEnvironment,
  digest: DigestSourceFile,
): Promise<FileLoadPlan[]> {
  const last = new Map(
    (await engine.query(sourceFilesSql())).map((r) => [
      String(r.source),
      {
        settings: String(r.settings_digest),
        bytes: Number(r.bytes),
        sha256: String(r.sha256),
        records: Number(r.records),
      },
    ]),
  );
  const plans: FileLoadPlan[] = [];
  for (const source of sources) {
    const settingsDigest = loadSettingsDigest(source, env);
    const before = last.get(source.name);
    const same = before?.settings === settingsDigest ? before : undefined;
    const canAppend = same && source.appendOnly && source.format !== 'parquet';
    const d = await digest(source, canAppend ? same.bytes : undefined);
    let action: FileLoadPlan['action'] = 'full';
    if (same && d.bytes === same.bytes && d.sha256 === same.sha256) action = 'skip';
    else if (
      canAppend &&
      d.bytes > same.bytes &&
      d.prefixSha256 === same.sha256 &&
      d.prefixEndsLine
    )
      action = 'append';
    plans.push({
      source,
      action,
      skipRecords: action === 'append' ? (same?.records ?? 0) : 0,
      digest: d,
      settingsDigest,
    });
  }
  return plans;
}

/** Canonical JSON: object keys sorted, so equal settings give equal text whatever their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function loadSettingsDigest(source: SourceConfig, env: IngestEnvironment): string {
  // appendOnly says how to read a file, not what its records are.
  const shape = Object.fromEntries(Object.entries(source).filter(([k]) => k !== 'appendOnly'));
  const contracts = env.registry.list().map((c) => `${c.type}@${formatSchemaVer(c.version)}`);
  const normalise = {
    defaultCountryCode: env.normalise.defaultCountryCode ?? null,
    // A probe value's hash tells a change of salt without keeping the salt.
    pii: env.normalise.hash?.hash('email', 'probe@convrev.invalid') ?? null,
  };
  return createHash('sha256')
    .update(canonicalJson({ shape, contracts, settings: env.settings, normalise }))
    .digest('hex');
}
