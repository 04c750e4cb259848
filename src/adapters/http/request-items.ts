import { isJsonObject } from '../../core/contracts/json-schema.js';
import { deadLetter } from '../../core/ingest/step-result.js';
import type { BatchItem } from '../../pipeline/ingest/ingest-batch.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import { messageItem } from './message-item.js';

/** Which route a body came to: one event, a batch, or a Segment message of a given type. */
export type Shape = 'single' | 'batch' | 'track' | 'identify' | 'alias';

export interface RequestContext {
  readonly env: IngestEnvironment;
  readonly receivedAt: number;
  readonly source: string;
  readonly maxBatchEvents: number;
  readonly dropPersonalTraits: boolean;
}

export type RequestItems =
  | { readonly ok: true; readonly items: BatchItem[]; readonly malformed: boolean }
  | { readonly ok: false; readonly status: 400 | 413; readonly body: Record<string, string> };

/**
 * A request body as batch items, one per event. A body that is not JSON becomes one dead letter
 * holding it byte for byte (`malformed`); a batch that is not a list, is empty or is over the
 * limit is refused whole, storing nothing.
 */
export function requestItems(text: string, shape: Shape, ctx: RequestContext): RequestItems {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `the body is not valid JSON: ${reason}`;
    return {
      ok: true,
      malformed: true,
      items: [
        {
          result: deadLetter([{ code: 'malformed_json', message }]),
          raw: () => text,
          normalise: ctx.env.normalise,
        },
      ],
    };
  }
  const messages = shape === 'batch' ? batchMessages(body) : [body];
  if (messages === null)
    return {
      ok: false,
      status: 400,
      body: {
        error: 'bad_request',
        message: 'a batch is a JSON array, or an object with a batch (or events) array',
      },
    };
  if (messages.length === 0)
    return {
      ok: false,
      status: 400,
      body: { error: 'bad_request', message: 'the batch is empty' },
    };
  if (messages.length > ctx.maxBatchEvents)
    return {
      ok: false,
      status: 413,
      body: {
        error: 'too_many_events',
        message: `at most ${ctx.maxBatchEvents} events per batch; nothing was stored`,
      },
    };
  // UTF-8 takes at most 3 bytes per UTF-16 unit: no record of the body can be larger.
  const sizeBound = text.length * 3;
  const item = (m: unknown, i: number) =>
    messageItem(
      m,
      { receivedAt: ctx.receivedAt, sourceName: ctx.source, sourceLine: i + 1 },
      ctx.env,
      {
        sizeBound,
        ...(shape === 'single' || shape === 'batch' ? {} : { impliedType: shape }),
        dropPersonalTraits: ctx.dropPersonalTraits,
      },
    );
  // A single event keeps its body as the payload a dead letter stores, exactly as sent.
  const items = shape === 'batch' ? messages.map(item) : [{ ...item(body, 0), raw: () => text }];
  return { ok: true, malformed: false, items };
}

function batchMessages(body: unknown): unknown[] | null {
  if (Array.isArray(body)) return body as unknown[];
  if (!isJsonObject(body)) return null;
  const list = body.batch ?? body.events;
  return Array.isArray(list) ? (list as unknown[]) : null;
}
