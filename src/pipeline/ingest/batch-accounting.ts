import { WITHHELD_CODES, type DeadLetterReason } from '../../core/ingest/dead-letter-reason.js';
import { safeReason } from '../../core/ingest/safe-text.js';
import type { Decision } from '../../core/ingest/resolve-duplicates.js';
import type { Engine, LoadValue } from '../../engine/engine.js';
import { deadLetterId } from './batch-ids.js';
import type { BatchReport, IngestBatch, ItemOutcome } from './ingest-batch.js';
import type { PreparedRecord } from './prepared-record.js';

/** A prepared record and where it sits: batch and item index. */
export interface Located {
  readonly batch: number;
  readonly item: number;
  readonly record: PreparedRecord;
}

/**
 * Each batch's outcome per record and its counts, from the dedupe decisions: offered = stored +
 * duplicates + dead-lettered by construction (every item lands in exactly one of them).
 */
export function account(
  batches: readonly IngestBatch[],
  prepared: readonly Located[],
  decisions: readonly Decision[],
): BatchReport[] {
  const decided = new Map<string, { decision: Decision; record: PreparedRecord }>();
  prepared.forEach((p, i) =>
    decided.set(`${p.batch}:${p.item}`, { decision: decisions[i] as Decision, record: p.record }),
  );
  return batches.map((b, batch) => {
    let [stored, updated, duplicates, deadLettered, differing] = [0, 0, 0, 0, 0];
    const outcomes: ItemOutcome[] = b.items.map((it, item): ItemOutcome => {
      if (it.result.status === 'duplicate') {
        duplicates++;
        return { status: 'duplicate', key: '' };
      }
      if (it.result.status === 'dead_letter') {
        const id = deadLetterId(b.batchId, ++deadLettered);
        // Reasons may quote what was sent: made safe here for the response and the table alike.
        const reasons = it.result.reasons.map(safeReason);
        return { status: 'dead_lettered', deadLetterId: id, reasons };
      }
      const { decision, record } = decided.get(`${batch}:${item}`) as {
        decision: Decision;
        record: PreparedRecord;
      };
      if (decision.action === 'store') {
        stored++;
        return { status: 'stored', key: record.key };
      }
      if (decision.action === 'update') {
        stored++;
        updated++;
        return { status: 'updated', key: record.key };
      }
      duplicates++;
      if (decision.action === 'duplicate' && decision.differs) differing++;
      return { status: 'duplicate', key: record.key };
    });
    return {
      batchId: b.batchId,
      source: b.source,
      transport: b.transport,
      offered: b.items.length,
      stored,
      updated,
      duplicates,
      deadLettered,
      differingDuplicates: differing,
      outcomes,
    };
  });
}

/** The dead letters of the batches, with the payload as received and the reasons as JSON. */
export async function appendDeadLetters(
  engine: Engine,
  batches: readonly IngestBatch[],
  reports: readonly BatchReport[],
): Promise<void> {
  const rows: LoadValue[][] = [];
  reports.forEach((report, i) => {
    const b = batches[i] as IngestBatch;
    report.outcomes.forEach((o, item) => {
      if (o.status !== 'dead_lettered') return;
      // A withheld record (erased person, no consent) keeps no payload: that is the point. With
      // nothing to replay it is settled at once (replay batch `withheld`), so it never shows as
      // pending nor counts as a schema violation; ingest_batches still counts it.
      const withheld = o.reasons.some((r) => WITHHELD_CODES.has(r.code));
      const kept = withheld ? { payload: '', reasons: o.reasons } : keptPayload(b, item, o.reasons);
      rows.push([
        o.deadLetterId,
        b.batchId,
        b.source,
        b.transport,
        b.receivedAt,
        kept.payload,
        JSON.stringify(kept.reasons),
        withheld ? b.receivedAt : null,
        withheld ? 'withheld' : null,
      ]);
    });
  });
  if (rows.length) await engine.append('dead_letters', rows);
}

/**
 * The payload a dead letter keeps: the text as received. PostgreSQL text cannot hold NUL; the
 * JSON escape keeps the payload readable and exact. Should the text be unavailable, the letter
 * says so (`payload_not_kept`) rather than failing the commit of every batch grouped with it.
 */
function keptPayload(
  batch: IngestBatch,
  item: number,
  reasons: readonly DeadLetterReason[],
): { payload: string; reasons: readonly DeadLetterReason[] } {
  try {
    const payload = (batch.items[item]?.raw() ?? '').replaceAll('\u0000', '\\u0000');
    return { payload, reasons };
  } catch (error) {
    const kind = error instanceof Error ? error.name : 'error';
    const note: DeadLetterReason = {
      code: 'payload_not_kept',
      message: `the payload could not be kept as text (${kind})`,
    };
    return { payload: '', reasons: [...reasons, note] };
  }
}
