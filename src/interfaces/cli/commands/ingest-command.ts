import { resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultDelimiter, inferFormat } from '../../../adapters/config/infer-format.js';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { openSourceFile } from '../../../adapters/files/open-source-file.js';
import { isSourceKind, SOURCE_KIND_NAMES } from '../../../core/canonical/source-kinds.js';
import { DEFAULT_INGEST, type Config, type SourceConfig } from '../../../core/config/config.js';
import { UserError } from '../../../core/errors.js';
import { createIngestEnvironment } from '../../../pipeline/ingest/create-ingest-environment.js';
import { ingestFiles } from '../../../pipeline/ingest/ingest-files.js';
import type { IngestTotals } from '../../../pipeline/ingest/ingest-totals.js';
import { EXIT } from '../handle-error.js';
import { piiSalt } from '../ingest-context.js';
import {
  addWarehouseOptions,
  describeWarehouse,
  engineConfigFor,
  engineOverrides,
  withWarehouse,
  type WarehouseFlags,
} from '../warehouse.js';

interface IngestFlags extends WarehouseFlags {
  source: string;
  kind?: string;
}

export function registerIngest(program: Command): void {
  addWarehouseOptions(
    program
      .command('ingest')
      .description(
        'ingest CSV, JSONL or Parquet files through the contracts: good records stored, duplicates skipped, bad ones dead-lettered (exit 4)',
      )
      .argument('<files...>', 'files to ingest')
      .requiredOption(
        '--source <name>',
        'the config source whose kind and mapping the files follow',
      )
      .option('-c, --config <file>', 'YAML config holding the source')
      .option(
        '--kind <kind>',
        `record kind, for a source not in a config (${SOURCE_KIND_NAMES.join(', ')})`,
      ),
  ).action(async (files: string[], flags: IngestFlags) => {
    const config = flags.config
      ? await loadConfig(flags.config, { engine: engineOverrides(flags) })
      : undefined;
    const engine = config?.engine ?? (await engineConfigFor(flags));
    const base = sourceFor(config, flags);
    const sources = files.map((file): SourceConfig => ({
      ...base,
      path: resolve(file),
      format: inferFormat(file) ?? base.format,
      delimiter: base.delimiter === ',' ? defaultDelimiter(file) : base.delimiter,
    }));
    const salt = piiSalt();
    const env = createIngestEnvironment(config, salt ? { piiSalt: salt } : {});
    process.stderr.write(
      `convrev ingest: ${files.length} file(s) as source ${base.name} (${base.kind}) → ${describeWarehouse(engine)}\n`,
    );
    const totals = await withWarehouse(engine, (warehouse) =>
      ingestFiles(warehouse, sources, openSourceFile, env, {
        strict: false,
        batchRows: (config?.ingest ?? DEFAULT_INGEST).batchRows,
      }),
    );
    let dead = 0;
    sources.forEach((s, i) => {
      const t = totals[i] as IngestTotals;
      dead += t.deadLettered;
      process.stdout.write(`${s.path}: ${describe(t)}\n`);
    });
    if (dead > 0) {
      process.stderr.write(
        `convrev: ${dead} record(s) dead-lettered with their reasons; see convrev deadletters list\n`,
      );
      process.exitCode = EXIT.deadLettered;
    }
  });
}

/** One line of counts: offered = stored + duplicates + dead-lettered. */
export function describe(t: IngestTotals): string {
  const differing = t.differingDuplicates
    ? ` (${t.differingDuplicates} differ from the stored record, which is kept)`
    : '';
  return `offered ${t.offered}, stored ${t.stored} (${t.updated} updates), duplicates ${t.duplicates}${differing}, dead-lettered ${t.deadLettered}`;
}

function sourceFor(config: Config | undefined, flags: IngestFlags): SourceConfig {
  const named = config?.sources.find((s) => s.name === flags.source);
  if (named) return named;
  if (flags.kind === undefined) {
    const known = config ? `; the config has ${config.sources.map((s) => s.name).join(', ')}` : '';
    throw new UserError(
      `--source ${flags.source}: no such source in the config${known} (or give --kind for a file whose columns are the canonical fields)`,
    );
  }
  if (!isSourceKind(flags.kind))
    throw new UserError(`--kind ${flags.kind}: give one of ${SOURCE_KIND_NAMES.join(', ')}`);
  return {
    name: flags.source,
    kind: flags.kind,
    path: '',
    format: 'csv',
    mapping: {},
    constants: {},
    delimiter: ',',
  };
}
