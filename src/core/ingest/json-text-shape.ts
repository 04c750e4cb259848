/** How a JSON text nests and how many object keys it holds, measured without parsing it. */
export interface JsonTextShape {
  /** The deepest nesting of objects and arrays (a scalar is 0, `{}` is 1). */
  readonly depth: number;
  /** Object keys at every level. */
  readonly keys: number;
}

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * One linear, iterative pass over JSON text: brackets and colons outside strings. It never
 * recurses, so it measures a payload nested 100,000 levels deep as cheaply as a flat one, before
 * anything that might recurse (a mapping, a serialisation, a validator) sees it. Text that is not
 * JSON still gets a shape (its brackets), which is all a limit needs.
 */
export function jsonTextShape(text: string): JsonTextShape {
  let depth = 0;
  let deepest = 0;
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i) - 1;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth = Math.max(0, depth - 1);
    else if (c === 58) keys++;
  }
  return { depth: deepest, keys };
}

/** Index just after the string starting at `start` (a quote), or the text's end if unclosed. */
export function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return text.length;
}
