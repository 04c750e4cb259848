import type { Command } from 'commander';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { textItem } from '../../../adapters/http/message-item.js';
import { InputError, UserError } from '../../../core/errors.js';
import type { Config } from '../../../core/config/config.js';
import type { Engine, Row } from '../../../engine/engine.js';
import {
  deadLetterSql,
  listDeadLettersSql,
  pendingDeadLettersSql,
} from '../../../engine/sql/dead-letters-sql.js';
import { newBatchId } from '../../../pipeline/ingest/batch-ids.js';
import { FileRecords } from '../../../pipeline/ingest/file-records.js';
import type { BatchItem } from '../../../pipeline/ingest/ingest-batch.js';
import type { IngestEnvironment } from '../../../pipeline/ingest/ingest-environment.js';
import {
  deadLetterRow,
  replayDeadLetters,
  type DeadLetterRow,
} from '../../../pipeline/ingest/replay-dead-letters.js';
import { OUTPUT_FORMATS, renderRows, type OutputFormat } from '../format/render-rows.js';
import { ingestEnvironmentFor } from '../ingest-context.js';
import { EXIT } from '../handle-error.js';
import {
  addWarehouseOptions,
  engineConfigFor,
  withWarehouse,
  withWarehouseOrServer,
  warehouseTargetFor,
  type WarehouseFlags,
} from '../warehouse.js';
import { reviveRows } from '../revive-rows.js';
import { describe } from './ingest-command.js';

const REPLAY_CHUNK = 1_000;

export function registerDeadLetters(program: Command): void {
  const dl = program
    .command('deadletters')
    .description('records refused by their contract, with the reasons');
  addWarehouseOptions(
    dl
      .command('list')
      .description('dead letters not yet replayed, newest first')
      .option('-c, --config <file>', 'config naming the warehouse')
      .option('--all', 'include replayed ones')
      .option('--limit <n>', 'at most this many', '50')
      .option('--format <format>', `output: ${OUTPUT_FORMATS.join('|')}`, 'table'),
  ).action(async (flags: WarehouseFlags & { all?: boolean; limit: string; format: string }) => {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(flags.format))
      throw new UserError(`--format ${flags.format}: give one of ${OUTPUT_FORMATS.join(', ')}`);
    const limit = Number(flags.limit) || 50;
    const rows = await withWarehouseOrServer(
      await warehouseTargetFor(flags),
      'read',
      (engine) => engine.query(listDeadLettersSql({ limit, includeReplayed: flags.all ?? false })),
      async (server) =>
        reviveRows(
          (
            await server.get<{ rows: Row[] }>(
              `/v1/dead-letters/latest?limit=${Math.min(Math.max(1, Math.floor(limit)), 99_999)}&all=${flags.all === true}`,
            )
          ).rows,
        ),
    );
    const shown = rows.map((r) => ({
      dead_letter_id: r.dead_letter_id ?? null,
      source: r.source ?? null,
      transport: r.transport ?? null,
      received_at: r.received_at ?? null,
      reasons: summariseReasons(String(r.reasons)),
      replayed_at: r.replayed_at ?? null,
    }));
    process.stdout.write(`${renderRows(shown, flags.format as OutputFormat)}\n`);
  });
  addWarehouseOptions(
    dl
      .command('show')
      .description('one dead letter: payload and reasons')
      .argument('<id>')
      .option('-c, --config <file>'),
  ).action(async (id: string, flags: WarehouseFlags) => {
    const [row] = await withWarehouse(await engineConfigFor(flags), (engine) =>
      engine.query(deadLetterSql(id)),
    );
    if (!row) throw new UserError(`no dead letter ${id} (convrev deadletters list shows them)`);
    const reasons: unknown = JSON.parse(String(row.reasons));
    process.stdout.write(`${JSON.stringify({ ...row, reasons }, null, 2)}\n`);
  });
  addWarehouseOptions(
    dl
      .command('replay')
      .description('re-run dead letters through the current contracts; those that pass are stored')
      .option('--id <id>', 'one dead letter')
      .option('--all', 'every dead letter not yet replayed')
      .option('-c, --config <file>', 'config with the contracts and the file sources'),
  ).action(async (flags: WarehouseFlags & { id?: string; all?: boolean }) => {
    if (!flags.id === !flags.all) throw new UserError('give --id ID or --all');
    const config = flags.config ? await loadConfig(flags.config) : undefined;
    await withWarehouse(config?.engine ?? (await engineConfigFor(flags)), async (engine) => {
      const env = await ingestEnvironmentFor(engine, config);
      const toItem = letterItem(config, env);
      let [replayed, failed] = [0, 0];
      for await (const letters of pending(engine, flags.id)) {
        const report = await replayDeadLetters(engine, letters, toItem);
        if (!report) continue;
        replayed += report.offered;
        failed += report.deadLettered;
        process.stdout.write(
          `replay batch ${report.batchId}: ${describe({ ...report, batches: 1 })}\n`,
        );
      }
      if (replayed === 0) process.stdout.write('nothing to replay\n');
      if (failed > 0) {
        process.stderr.write(
          `convrev: ${failed} of ${replayed} failed again (new dead letters); see convrev deadletters list\n`,
        );
        process.exitCode = EXIT.deadLettered;
      }
    });
  });
}

async function* pending(engine: Engine, id: string | undefined): AsyncIterable<DeadLetterRow[]> {
  if (id !== undefined) {
    const rows = await engine.query(deadLetterSql(id));
    const row = rows[0];
    if (!row) throw new UserError(`no dead letter ${id}`);
    if (row.replayed_at !== null) throw new UserError(`dead letter ${id} was already replayed`);
    yield [deadLetterRow(row)];
    return;
  }
  // Replayed letters leave the pending set, so paging by id never revisits one.
  let after = '';
  const before = newBatchId(Date.now());
  for (;;) {
    const rows = await engine.query(pendingDeadLettersSql(after, before, REPLAY_CHUNK));
    if (!rows.length) return;
    after = String(rows.at(-1)?.dead_letter_id);
    yield rows.map(deadLetterRow);
  }
}

/** How a dead letter goes back through the path it first took: a file's mapping, or JSON. */
function letterItem(config: Config | undefined, env: IngestEnvironment) {
  const files = new Map<string, FileRecords>();
  return (letter: DeadLetterRow, receivedAt: number): BatchItem => {
    const reasons = JSON.parse(letter.reasons) as { line?: number }[];
    const line = reasons[0]?.line ?? null;
    if (letter.transport !== 'file')
      return textItem(
        letter.payload,
        { receivedAt, sourceName: letter.source, sourceLine: line },
        env,
      );
    const source = config?.sources.find((s) => s.name === letter.source);
    if (!source)
      throw new UserError(
        `dead letter ${letter.id} came from file source ${letter.source}: give --config with that source to replay it`,
      );
    let records = files.get(source.name);
    if (!records) {
      records = new FileRecords(source, null, env);
      files.set(source.name, records);
    }
    let values: Record<string, unknown>;
    try {
      values = lowerKeys(JSON.parse(letter.payload));
    } catch {
      values = {};
    }
    return records.item({ line: line ?? 0, values }, receivedAt);
  };
}

function lowerKeys(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError([]);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.trim().toLowerCase(), v]));
}

function summariseReasons(json: string): string {
  const reasons = JSON.parse(json) as { code: string; field?: string }[];
  return reasons.map((r) => (r.field ? `${r.code}(${r.field})` : r.code)).join(', ');
}
