import type { DeadLetterReason } from './dead-letter-reason.js';
import { jsonTextShape } from './json-text-shape.js';

/** The limits one JSON record must keep before anything walks it. */
export interface JsonLimits {
  /** Bytes of the record's UTF-8 text. */
  readonly maxRecordBytes: number;
  /** Nesting of objects and arrays. */
  readonly maxDepth: number;
  /** Object keys at every level together. */
  readonly maxKeys: number;
}

/**
 * The limits a record's text breaks (depth, size, key count), or none. Linear and iterative: it
 * runs on every entry point before parsing, mapping or validation, so no payload however deep
 * or wide reaches a recursive walk.
 */
export function screenJsonText(text: string, limits: JsonLimits): DeadLetterReason[] {
  const reasons: DeadLetterReason[] = [];
  const shape = jsonTextShape(text);
  if (shape.depth > limits.maxDepth)
    reasons.push({
      code: 'too_deep',
      message: `nested ${shape.depth} levels deep, more than ${limits.maxDepth}`,
    });
  const bytes = utf8Length(text);
  if (bytes > limits.maxRecordBytes)
    reasons.push({
      code: 'oversize',
      message: `the record is ${bytes} bytes, more than ${limits.maxRecordBytes}`,
    });
  if (shape.keys > limits.maxKeys)
    reasons.push({
      code: 'too_many_keys',
      message: `${shape.keys} object keys, more than ${limits.maxKeys}`,
    });
  return reasons;
}

/** UTF-8 bytes of a string (a lone surrogate counts as the 3 bytes of U+FFFD it becomes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
