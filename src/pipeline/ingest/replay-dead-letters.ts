import type { Engine, Row } from '../../engine/engine.js';
import { markReplayedSql } from '../../engine/sql/dead-letters-sql.js';
import { newBatchId } from './batch-ids.js';
import type { BatchItem, BatchReport } from './ingest-batch.js';
import { writeBatches } from './write-batches.js';

/** A stored dead letter, as replay reads it. */
export interface DeadLetterRow {
  readonly id: string;
  readonly source: string;
  readonly transport: string;
  readonly payload: string;
  readonly reasons: string;
}

export function deadLetterRow(row: Row): DeadLetterRow {
  return {
    id: String(row.dead_letter_id),
    source: String(row.source),
    transport: String(row.transport),
    payload: String(row.payload),
    reasons: String(row.reasons),
  };
}

/**
 * Re-runs dead letters through the current contracts as one batch of their own (transport
 * `replay`), in one transaction: what passes now is stored (or found a duplicate), what fails
 * again becomes a new dead letter of the replay batch. Every letter replayed is marked with the
 * replay's batch, so it leaves the pending list and its history stays.
 */
export async function replayDeadLetters(
  engine: Engine,
  letters: readonly DeadLetterRow[],
  toItem: (letter: DeadLetterRow, receivedAt: number) => BatchItem,
): Promise<BatchReport | null> {
  if (!letters.length) return null;
  const receivedAt = Date.now();
  const batch = {
    batchId: newBatchId(receivedAt),
    source: 'replay',
    transport: 'replay' as const,
    receivedAt,
    items: letters.map((l) => toItem(l, receivedAt)),
  };
  return engine.transaction(async () => {
    const { reports } = await writeBatches(engine, [batch]);
    for (const letter of letters) await engine.execute(markReplayedSql(letter.id, batch.batchId));
    return reports[0] ?? null;
  });
}
