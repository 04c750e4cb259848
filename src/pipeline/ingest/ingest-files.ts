import type { SourceConfig } from '../../core/config/config.js';
import { InputError, type Problem } from '../../core/errors.js';
import { WITHHELD_CODES } from '../../core/ingest/dead-letter-reason.js';
import { deadLetter } from '../../core/ingest/step-result.js';
import { RECORD_SEMANTICS } from '../../core/ingest/record-semantics.js';
import type { Engine } from '../../engine/engine.js';
import { landingTableName } from '../../engine/schema/table-spec.js';
import { loadFileSetWise } from '../load/load-file-set-wise.js';
import type { OpenSourceFile } from '../load/source-file.js';
import { refreshStatistics } from '../refresh-statistics.js';
import { loopTurns } from '../../engine/loop-turns.js';
import { newBatchId } from './batch-ids.js';
import { FileRecords, reasonProblem } from './file-records.js';
import type { BatchItem, BatchReport, IngestBatch } from './ingest-batch.js';
import type { IngestEnvironment } from './ingest-environment.js';
import { addReport, emptyTotals, type IngestTotals } from './ingest-totals.js';
import { dropErased } from './drop-erased.js';
import { writeBatches, type Conflict } from './write-batches.js';

export interface FileIngestOptions {
  /**
   * All or nothing (`convrev run`): any record that would be dead-lettered, or that contradicts
   * another of the same input under the same id, fails with its location; the caller's
   * transaction then rolls everything back. Otherwise each batch commits on its own.
   */
  readonly strict: boolean;
  /** Records per batch (and, when not strict, per transaction): bounds memory whatever the file size. */
  readonly batchRows: number;
  readonly onBatch?: (source: SourceConfig, report: BatchReport) => void;
}

// Past this many problems a strict load is plainly broken; listing more helps nobody.
const MAX_PROBLEMS = 50;

/** Ingests each source's file in bounded batches; returns the totals of each, in order. */
export async function ingestFiles(
  engine: Engine,
  sources: readonly SourceConfig[],
  open: OpenSourceFile,
  env: IngestEnvironment,
  options: FileIngestOptions,
): Promise<IngestTotals[]> {
  const totals: IngestTotals[] = [];
  const ownBatches = options.strict ? new Set<string>() : undefined;
  for (const source of sources) {
    const file = await open(source);
    const records = new FileRecords(source, file.columns, env);
    if (records.headerProblems.length) throw new InputError(records.headerProblems);
    // The engine reads the file and checks, normalises and stores its records set-wise where
    // it can; else (see loadFileSetWise) each record goes through the steps below in turn.
    const loadSetWise = () =>
      loadFileSetWise(engine, source, file, env, {
        strict: options.strict,
        batchRows: options.batchRows,
        ownBatches: ownBatches ?? new Set(),
        maxProblems: MAX_PROBLEMS,
      });
    // A strict run is already one transaction; otherwise each file commits whole or not at all.
    const setWise = options.strict ? await loadSetWise() : await engine.transaction(loadSetWise);
    if (setWise) {
      totals.push(setWise);
      continue;
    }
    const sum = emptyTotals();
    totals.push(sum);
    let items: BatchItem[] = [];
    let receivedAt = Date.now();
    const flush = async () => {
      if (!items.length) return;
      const batch: IngestBatch = {
        batchId: newBatchId(receivedAt),
        source: source.name,
        transport: 'file',
        receivedAt,
        items,
      };
      items = [];
      ownBatches?.add(batch.batchId);
      const report = await writeBatch(engine, batch, options.strict, ownBatches);
      addReport(sum, report);
      options.onBatch?.(source, report);
      receivedAt = Date.now();
    };
    const turn = loopTurns();
    try {
      for await (const row of file.rows({ lenient: !options.strict })) {
        const waiting = turn();
        if (waiting) await waiting;
        // A row the source's `where` filters out is not offered: it counts nowhere.
        if (!row.problem && !records.keeps(row)) continue;
        items.push(records.item(row, receivedAt));
        if (items.length >= options.batchRows) await flush();
      }
    } catch (error) {
      // A reader that cannot go on (malformed CSV): strict runs fail; ingest keeps what it read
      // and dead-letters the unreadable record with its place.
      if (options.strict || !(error instanceof InputError)) throw error;
      const problem = error.problems[0];
      const l = problem?.location ?? {};
      items.push({
        result: deadLetter([
          {
            code: 'malformed_record',
            message: problem?.message ?? error.message,
            source: source.name,
            file: source.path,
            ...(l.row === undefined ? {} : { line: l.row }),
          },
        ]),
        raw: () => error.message,
      });
    }
    await flush();
  }
  await refreshStatistics(engine, [...new Set(sources.map((s) => landingTableName(s.kind)))]);
  return totals;
}

async function writeBatch(
  engine: Engine,
  offered: IngestBatch,
  strict: boolean,
  ownBatches: ReadonlySet<string> | undefined,
): Promise<BatchReport> {
  if (!strict) {
    const batch = offered;
    const { reports } = await engine.transaction(() => writeBatches(engine, [batch]));
    return reports[0] as BatchReport;
  }
  // An erased person's rows are withheld before they are judged: a strict run neither fails on
  // them nor quotes their values in its error.
  const [batch] = (await dropErased(engine, [offered])) as [IngestBatch];
  const problems: Problem[] = [];
  for (const item of batch.items) {
    // Withheld records (no consent) are policy, not bad input: they never fail a strict run.
    if (
      item.result.status === 'dead_letter' &&
      !item.result.reasons.every((r) => WITHHELD_CODES.has(r.code))
    )
      problems.push(...item.result.reasons.map(reasonProblem));
    if (problems.length >= MAX_PROBLEMS) break;
  }
  if (problems.length) throw new InputError(problems);
  const { reports, conflicts } = await writeBatches(engine, [batch], ownBatches);
  if (conflicts.length) throw new InputError(conflictProblems(conflicts));
  return reports[0] as BatchReport;
}

function conflictProblems(conflicts: readonly Conflict[]): Problem[] {
  const byKey = new Map<string, Conflict[]>();
  for (const c of conflicts) {
    const k = `${c.record.kind}\u0000${c.record.key}`;
    byKey.set(k, [...(byKey.get(k) ?? []), c]);
  }
  return [...byKey.values()].slice(0, MAX_PROBLEMS).map((group) => {
    const { record } = group[0] as Conflict;
    const idField = RECORD_SEMANTICS[record.kind].idField ?? 'content';
    const lines = group.map((c) => Number(c.record.row.at(-1)));
    return {
      code: 'duplicate_id',
      message: `${idField} ${record.key} appears ${group.length + 1} times with different content (rows ${lines.join(', ')} contradict an earlier one)`,
      location: { source: String(record.row.at(-2)), row: lines[0] ?? 0, field: idField },
    };
  });
}
