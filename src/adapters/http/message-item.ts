import { isJsonObject } from '../../core/contracts/json-schema.js';
import type { BatchItem } from '../../pipeline/ingest/ingest-batch.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import { prepareJson } from '../../pipeline/ingest/prepare-json.js';
import type { RecordContext } from '../../pipeline/ingest/prepare-record.js';
import { SEGMENT_TYPES, segmentToCanonical } from './segment-message.js';

export interface MessageOptions {
  /** The Segment type a route implies (/v1/track) when the message does not say. */
  readonly impliedType?: string;
  readonly dropPersonalTraits?: boolean;
  readonly messageId?: string;
  /** The size of the request body the message came in, an upper bound of its own. */
  readonly sizeBound?: number;
}

/**
 * One JSON message (collector, stream, replay) as a batch item: Segment messages are mapped to
 * canonical records first, but keep their own text as the payload a dead letter stores, so a
 * replay maps them again under the contracts then in force.
 */
export function messageItem(
  message: unknown,
  context: RecordContext,
  env: IngestEnvironment,
  options: MessageOptions = {},
): BatchItem {
  const id = {
    ...(options.messageId ? { messageId: options.messageId } : {}),
    ...(options.sizeBound === undefined ? {} : { sizeBound: options.sizeBound }),
  };
  if (isJsonObject(message)) {
    const type = message.type ?? options.impliedType;
    if (typeof type === 'string' && SEGMENT_TYPES.has(type)) {
      const original = { ...message, type };
      const isEventType = (t: string) => {
        const found = env.registry.resolve(t);
        return found.ok && found.compiled.contract.kind === 'conversation_events';
      };
      const mapped = segmentToCanonical(original, isEventType, options.dropPersonalTraits ?? false);
      return prepareJson({ payload: mapped, raw: JSON.stringify(original), ...id }, context, env);
    }
  }
  return prepareJson({ payload: message, ...id }, context, env);
}

/** A message received as text (a stream message, a stored dead letter). */
export function textItem(
  text: string,
  context: RecordContext,
  env: IngestEnvironment,
  options: MessageOptions = {},
): BatchItem {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return prepareJson({ payload: text, isText: true }, context, env);
  }
  const item = messageItem(message, context, env, options);
  return { ...item, raw: () => text };
}
