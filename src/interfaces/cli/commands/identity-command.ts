import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../../core/errors.js';
import { inferFormat } from '../../../adapters/config/infer-format.js';
import { openSourceFile } from '../../../adapters/files/open-source-file.js';
import {
  evaluateRecords,
  evaluateWarehouse,
  type LabelledRow,
} from '../../../pipeline/identity/evaluate-identity.js';
import {
  evaluationRows,
  type IdentityEvaluation,
} from '../../../pipeline/identity/score-clustering.js';
import { renderRows } from '../format/render-rows.js';
import {
  addWarehouseOptions,
  engineConfigFor,
  withWarehouse,
  type WarehouseFlags,
} from '../warehouse.js';
import { parseFormat } from './report-command.js';

interface EvaluateFlags extends WarehouseFlags {
  truth?: string;
  records?: string;
  id?: string;
  idType?: string;
  typeColumn?: string;
  truthColumn?: string;
  threshold?: string;
  format: string;
}

async function readLabelled(path: string): Promise<LabelledRow[]> {
  const file = await openSourceFile({
    name: 'labels',
    kind: 'contacts',
    path: resolve(path),
    format: inferFormat(path) ?? 'csv',
    mapping: {},
    constants: {},
    delimiter: ',',
  });
  const rows: LabelledRow[] = [];
  for await (const r of file.rows()) rows.push(r.values);
  if (rows.length === 0) throw new UserError(`${path}: no records`);
  return rows;
}

const pick = (rows: readonly LabelledRow[], given: string | undefined, ...defaults: string[]) =>
  given?.toLowerCase() ?? defaults.find((d) => Object.hasOwn(rows[0]!, d)) ?? defaults[0]!;

function threshold(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = Number(text);
  if (!(t > 0 && t < 1)) throw new UserError(`--threshold ${text}: give a probability in (0, 1)`);
  return t;
}

function print(e: IdentityEvaluation, format: ReturnType<typeof parseFormat>): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(e, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${renderRows(evaluationRows(e), format)}\n`);
  if (format === 'table')
    process.stdout.write(
      `\n${e.records} records: ${e.predictedClusters} predicted clusters (largest ${e.largestPredicted}), ` +
        `${e.trueClusters} true clusters (largest ${e.largestTrue})\n${e.notes.map((n) => `  ${n}\n`).join('')}`,
    );
}

export function registerIdentity(program: Command): void {
  const identity = program.command('identity').description('identity resolution tools');
  addWarehouseOptions(
    identity
      .command('evaluate')
      .description(
        "score identity resolution against labelled data: the warehouse's persons against --truth FILE " +
          "(identifier and true person per row, e.g. the demo's identity_truth.csv), or the matcher " +
          'run over --records FILE of labelled person records (e.g. fake_1000.csv)',
      )
      .option('--truth <file>', 'identifiers with their true person, scored against the warehouse')
      .option(
        '--records <file>',
        'person records with a true cluster column, matched without the warehouse',
      )
      .option(
        '--id <column>',
        'record id column (--records; default unique_id or id) or identifier value column (--truth; default identifier_value)',
      )
      .option(
        '--id-type <type>',
        'identifier type of every --id value when the truth file has no type column',
        'email',
      )
      .option(
        '--type-column <column>',
        'identifier type column of --truth (default identifier_type when present)',
      )
      .option('--truth-column <column>', 'true cluster column (default cluster or person_key)')
      .option('--threshold <p>', 'match probability threshold for --records (default 0.9)')
      .option('--format <format>', 'table|csv|json', 'table')
      .option('-c, --config <file>', 'config file naming the warehouse'),
  ).action(async (flags: EvaluateFlags) => {
    const format = parseFormat(flags.format);
    if ((flags.truth === undefined) === (flags.records === undefined))
      throw new UserError('identity evaluate: give one of --truth FILE or --records FILE');
    if (flags.records !== undefined) {
      const rows = await readLabelled(flags.records);
      const t = threshold(flags.threshold);
      print(
        evaluateRecords(rows, {
          idColumn: pick(rows, flags.id, 'unique_id', 'id', 'record_id'),
          truthColumn: pick(rows, flags.truthColumn, 'cluster', 'person_key', 'truth'),
          ...(t === undefined ? {} : { threshold: t }),
        }),
        format,
      );
      return;
    }
    const rows = await readLabelled(flags.truth!);
    const typeColumn =
      flags.typeColumn?.toLowerCase() ??
      (Object.hasOwn(rows[0]!, 'identifier_type') && flags.id === undefined
        ? 'identifier_type'
        : undefined);
    const e = await withWarehouse(await engineConfigFor(flags), (engine) =>
      evaluateWarehouse(engine, rows, {
        truthColumn: pick(rows, flags.truthColumn, 'person_key', 'cluster', 'truth'),
        valueColumn: pick(rows, flags.id, 'identifier_value'),
        ...(typeColumn === undefined ? { idType: flags.idType ?? 'email' } : { typeColumn }),
      }),
    );
    print(e, format);
  });
}
