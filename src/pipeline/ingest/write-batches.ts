import { randomUUID } from 'node:crypto';
import { RECORD_SEMANTICS } from '../../core/ingest/record-semantics.js';
import { keyOf, resolveDuplicates, type StoredKey } from '../../core/ingest/resolve-duplicates.js';
import type { Engine, LoadValue, Row } from '../../engine/engine.js';
import {
  clearStagingSql,
  deleteReplacedKeysSql,
  deleteReplacedRowsSql,
  storedKeysSql,
} from '../../engine/sql/ingest-sql.js';
import { landingTableName } from '../../engine/schema/table-spec.js';
import { account, appendDeadLetters, type Located } from './batch-accounting.js';
import { dropErased } from './drop-erased.js';
import type { BatchReport, IngestBatch } from './ingest-batch.js';
import type { PreparedRecord } from './prepared-record.js';

/** A record that contradicts another of the same input under the same id. */
export interface Conflict {
  readonly batch: number;
  readonly item: number;
  readonly record: PreparedRecord;
  readonly withStored: boolean;
}

export interface WriteResult {
  readonly reports: readonly BatchReport[];
  /** Non-empty only with `ownBatches`; then nothing was written. */
  readonly conflicts: readonly Conflict[];
}

/**
 * Stores a group of batches inside the caller's transaction: deduplicates every prepared record
 * against the group and the warehouse in one pass, replaces updated entities, appends new rows
 * and their keys, the dead letters and one ingest_batches row per batch. With `ownBatches` (a
 * strict run), a record contradicting one written by those batches or earlier in the group is a
 * conflict, and nothing is written.
 */
export async function writeBatches(
  engine: Engine,
  offered: readonly IngestBatch[],
  ownBatches?: ReadonlySet<string>,
): Promise<WriteResult> {
  const batches = await dropErased(engine, offered);
  const prepared: Located[] = [];
  batches.forEach((b, batch) =>
    b.items.forEach((it, item) => {
      if (it.result.status === 'ok') prepared.push({ batch, item, record: it.result.value });
    }),
  );
  const stagingId = randomUUID();
  const stored = await lookUpKeys(engine, stagingId, prepared);
  const resolution = resolveDuplicates(
    prepared.map((p) => p.record),
    stored,
    ownBatches,
  );
  const conflicts = resolution.decisions.flatMap((d, i) =>
    d.action === 'conflict' ? [{ ...(prepared[i] as Located), withStored: d.withStored }] : [],
  );
  if (conflicts.length) return { reports: [], conflicts };
  await replaceStored(engine, `${stagingId}:r`, resolution.replaced);
  const byKind = new Map<string, LoadValue[][]>();
  const keyRows: LoadValue[][] = [];
  for (const index of resolution.writes) {
    const { batch, record } = prepared[index] as Located;
    const b = batches[batch] as IngestBatch;
    const rows = byKind.get(record.kind) ?? [];
    rows.push([...record.row]);
    byKind.set(record.kind, rows);
    keyRows.push([
      record.kind,
      record.key,
      record.hash,
      b.batchId,
      b.receivedAt,
      record.clock,
      record.skewMs,
    ]);
  }
  for (const [kind, rows] of byKind)
    await engine.append(landingTableName(kind as PreparedRecord['kind']), rows);
  if (keyRows.length) await engine.append('record_keys', keyRows);
  const reports = account(batches, prepared, resolution.decisions);
  await appendDeadLetters(engine, batches, reports);
  await engine.append(
    'ingest_batches',
    reports.map((r, i) => [
      r.batchId,
      r.source,
      r.transport,
      (batches[i] as IngestBatch).receivedAt,
      r.offered,
      r.stored,
      r.updated,
      r.duplicates,
      r.deadLettered,
      false,
    ]),
  );
  return { reports, conflicts: [] };
}

async function lookUpKeys(
  engine: Engine,
  stagingId: string,
  prepared: readonly Located[],
): Promise<Map<string, StoredKey>> {
  const seen = new Set<string>();
  const staged: LoadValue[][] = [];
  for (const { record } of prepared) {
    const k = keyOf(record.kind, record.key);
    if (seen.has(k)) continue;
    seen.add(k);
    staged.push([stagingId, record.kind, record.key]);
  }
  const stored = new Map<string, StoredKey>();
  if (!staged.length) return stored;
  for (const row of await stagedLookup(engine, stagingId, staged)) {
    stored.set(keyOf(String(row.kind), String(row.record_key)), {
      hash: String(row.record_hash),
      batchId: String(row.batch_id),
    });
  }
  return stored;
}

async function stagedLookup(
  engine: Engine,
  stagingId: string,
  staged: readonly LoadValue[][],
): Promise<Row[]> {
  await engine.append('ingest_staging', staged);
  const rows = await engine.query(storedKeysSql(stagingId));
  await engine.execute(clearStagingSql(stagingId));
  return rows;
}

async function replaceStored(
  engine: Engine,
  stagingId: string,
  replaced: readonly { kind: string; key: string }[],
): Promise<void> {
  if (!replaced.length) return;
  await engine.append(
    'ingest_staging',
    replaced.map((r) => [stagingId, r.kind, r.key]),
  );
  for (const kind of new Set(replaced.map((r) => r.kind))) {
    const idField = RECORD_SEMANTICS[kind as PreparedRecord['kind']].idField;
    if (idField === null) continue;
    await engine.execute(
      deleteReplacedRowsSql(engine.dialect, kind as PreparedRecord['kind'], idField, stagingId),
    );
  }
  await engine.execute(deleteReplacedKeysSql(stagingId));
  await engine.execute(clearStagingSql(stagingId));
}
