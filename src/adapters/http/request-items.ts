import { isJsonObject } from '../../core/contracts/json-schema.js';
import { jsonParseReason } from '../../core/ingest/json-parse-reason.js';
import { jsonChildSpans } from '../../core/ingest/json-text-spans.js';
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
    return {
      ok: true,
      malformed: true,
      items: [
        {
          result: deadLetter([jsonParseReason(error, 'the body')]),
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
  // Each record keeps its own text exactly as sent: the body of a single event, its slice of the
  // body for a batch element. The limits are checked on that text before anything walks it.
  const texts = shape === 'batch' ? elementTexts(text, body, messages) : [text];
  const items = messages.map((m, i) =>
    messageItem(
      m,
      { receivedAt: ctx.receivedAt, sourceName: ctx.source, sourceLine: i + 1 },
      ctx.env,
      {
        ...(shape === 'single' || shape === 'batch' ? {} : { impliedType: shape }),
        dropPersonalTraits: ctx.dropPersonalTraits,
        ...(texts?.[i] === undefined ? {} : { raw: texts[i] }),
      },
    ),
  );
  return { ok: true, malformed: false, items };
}

/** The text of each batch element, sliced from the body; null if the slices do not line up. */
function elementTexts(text: string, body: unknown, list: unknown[]): string[] | null {
  let spans = jsonChildSpans(text);
  if (!Array.isArray(body)) {
    // JSON.parse keeps the last of repeated keys; so does this.
    const key = isJsonObject(body) && list === body.batch ? 'batch' : 'events';
    const member = spans?.filter((s) => s.key === key).at(-1);
    spans = member ? jsonChildSpans(text, member.start) : null;
  }
  if (spans?.length !== list.length) return null;
  return spans.map((s) => text.slice(s.start, s.end));
}

function batchMessages(body: unknown): unknown[] | null {
  if (Array.isArray(body)) return body as unknown[];
  if (!isJsonObject(body)) return null;
  const list = body.batch ?? body.events;
  return Array.isArray(list) ? (list as unknown[]) : null;
}
