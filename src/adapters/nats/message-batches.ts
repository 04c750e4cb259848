import type { JsMsg } from '@nats-io/jetstream';
import { deadLetter } from '../../core/ingest/step-result.js';
import { newBatchId } from '../../pipeline/ingest/batch-ids.js';
import type { BatchItem, IngestBatch } from '../../pipeline/ingest/ingest-batch.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import { textItem } from '../http/message-item.js';
import { RECEIVED_AT_HEADER, SOURCE_HEADER } from './stream-connection.js';

/**
 * Fetched messages as one batch per source: a collector's (Convrev-Source header, the write
 * key's source) or the stream's for messages other publishers sent. Each record keeps the time
 * its collector received it, so clock correction and received_at match the direct path.
 */
export function messageBatches(
  messages: readonly JsMsg[],
  fallbackSource: string,
  env: IngestEnvironment,
  dropPersonalTraits = false,
): IngestBatch[] {
  const now = Date.now();
  const bySource = new Map<string, BatchItem[]>();
  for (const m of messages) {
    const source = m.headers?.get(SOURCE_HEADER) || fallbackSource;
    const sent = Number(m.headers?.get(RECEIVED_AT_HEADER) || NaN);
    const receivedAt = Number.isSafeInteger(sent) && sent > 0 ? sent : now;
    const item = messageItemOf(m, source, receivedAt, env, dropPersonalTraits);
    const items = bySource.get(source);
    if (items) items.push(item);
    else bySource.set(source, [item]);
  }
  return [...bySource].map(([source, items]) => ({
    batchId: newBatchId(now),
    source,
    transport: 'nats',
    receivedAt: now,
    items,
  }));
}

/** One stream message as a batch item; whatever happens, a value (a throw here would stall the stream). */
function messageItemOf(
  m: JsMsg,
  source: string,
  receivedAt: number,
  env: IngestEnvironment,
  dropPersonalTraits: boolean,
): BatchItem {
  let text = '';
  try {
    text = new TextDecoder().decode(m.data);
    const messageId = m.headers?.get('Nats-Msg-Id') || undefined;
    return textItem(text, { receivedAt, sourceName: source, sourceLine: m.seq }, env, {
      dropPersonalTraits,
      ...(messageId ? { messageId } : {}),
    });
  } catch (error) {
    const kind = error instanceof Error ? error.name : 'error';
    const reason = {
      code: 'malformed_record' as const,
      message: `the message could not be read (${kind})`,
    };
    return { result: deadLetter([reason]), raw: () => text };
  }
}
