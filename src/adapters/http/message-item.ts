import { isJsonObject } from '../../core/contracts/json-schema.js';
import { jsonParseReason } from '../../core/ingest/json-parse-reason.js';
import { jsonText } from '../../core/ingest/json-text.js';
import { deadLetter } from '../../core/ingest/step-result.js';
import type { BatchItem } from '../../pipeline/ingest/ingest-batch.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import { prepareJson, screenJson } from '../../pipeline/ingest/prepare-json.js';
import type { RecordContext } from '../../pipeline/ingest/prepare-record.js';
import { SEGMENT_TYPES, segmentToCanonical } from './segment-message.js';

export interface MessageOptions {
  /** The Segment type a route implies (/v1/track) when the message does not say. */
  readonly impliedType?: string;
  readonly dropPersonalTraits?: boolean;
  readonly messageId?: string;
  /** The message's text as received; without it the message is serialised (iteratively). */
  readonly raw?: string;
}

/**
 * One JSON message (collector, stream, replay) as a batch item. Its text is screened for size,
 * depth and key count before anything walks it; Segment messages are then mapped to canonical
 * records, but keep their own text as the payload a dead letter stores, so a replay maps them
 * again under the contracts then in force.
 */
export function messageItem(
  message: unknown,
  context: RecordContext,
  env: IngestEnvironment,
  options: MessageOptions = {},
): BatchItem {
  const raw = options.raw ?? jsonText(message);
  return screenJson(raw, env) ?? screenedItem(message, raw, context, env, options);
}

/** A message received as text (a stream message, a stored dead letter): screened, then parsed. */
export function textItem(
  text: string,
  context: RecordContext,
  env: IngestEnvironment,
  options: MessageOptions = {},
): BatchItem {
  const refused = screenJson(text, env);
  if (refused) return refused;
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (error) {
    return {
      result: deadLetter([jsonParseReason(error)]),
      raw: () => text,
      normalise: env.normalise,
    };
  }
  return screenedItem(message, text, context, env, options);
}

function screenedItem(
  message: unknown,
  raw: string,
  context: RecordContext,
  env: IngestEnvironment,
  options: MessageOptions,
): BatchItem {
  const messageId = options.messageId ? { messageId: options.messageId } : {};
  try {
    if (isJsonObject(message)) {
      const type = message.type ?? options.impliedType;
      if (typeof type === 'string' && SEGMENT_TYPES.has(type)) {
        const isEventType = (t: string) => {
          const found = env.registry.resolve(t);
          return found.ok && found.compiled.contract.kind === 'conversation_events';
        };
        const mapped = segmentToCanonical(
          { ...message, type },
          isEventType,
          options.dropPersonalTraits ?? false,
        );
        return prepareJson({ payload: mapped, raw, screened: true, ...messageId }, context, env);
      }
    }
    return prepareJson({ payload: message, raw, screened: true, ...messageId }, context, env);
  } catch (error) {
    // The steps return bad data as values; a throw here is a defect, and still only this
    // record's: it is dead-lettered rather than failing the batch it came with.
    const kind = error instanceof Error ? error.name : 'error';
    return {
      result: deadLetter([
        { code: 'malformed_record', message: `the record could not be prepared (${kind})` },
      ]),
      raw: () => raw,
      normalise: env.normalise,
    };
  }
}
