import { randomBytes } from 'node:crypto';

/**
 * A batch id that sorts by the time it was received (`b_20261123T101500123Z_…`), so listings
 * and replays run in arrival order; the random tail keeps concurrent collectors apart.
 */
export function newBatchId(receivedAt: number): string {
  const stamp = new Date(receivedAt).toISOString().replace(/[-:.]/g, '');
  return `b_${stamp}_${randomBytes(6).toString('hex')}`;
}

/** Dead letters are numbered within their batch, so they too sort by arrival. */
export function deadLetterId(batchId: string, index: number): string {
  return `${batchId}_${String(index).padStart(6, '0')}`;
}
