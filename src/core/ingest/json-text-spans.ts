import { stringEnd } from './json-text-shape.js';

/** Where one value of a container sits in its JSON text; `key` for an object's members. */
export interface JsonSpan {
  readonly key?: string;
  readonly start: number;
  readonly end: number;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Index just after the value starting at `start`; iterative, for text JSON.parse accepted. */
function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === 34) return stringEnd(text, start);
  if (first !== 123 && first !== 91) {
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 44 || c === 93 || c === 125 || isSpace(c)) break;
      i++;
    }
    return i;
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = stringEnd(text, i) - 1;
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * The members of the object or array whose text starts at `start` (after any whitespace), each
 * with its exact text span: how a batch keeps every element's payload byte for byte. Only for
 * text JSON.parse accepted; null when `start` is not an object or array.
 */
export function jsonChildSpans(text: string, start = 0): JsonSpan[] | null {
  let i = skipSpace(text, start);
  const open = text.charCodeAt(i);
  if (open !== 123 && open !== 91) return null;
  const spans: JsonSpan[] = [];
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === open + 2) return spans; // `{}` or `[]`
  while (i < text.length) {
    let key: string | undefined;
    if (open === 123) {
      const keyEnd = stringEnd(text, i);
      key = JSON.parse(text.slice(i, keyEnd)) as string;
      i = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the colon
    }
    const end = valueEnd(text, i);
    spans.push(key === undefined ? { start: i, end } : { key, start: i, end });
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== 44) break; // the closing bracket
    i = skipSpace(text, i + 1);
  }
  return spans;
}
