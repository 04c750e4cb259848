// Type and value joined by a character no normalised identifier contains (as the pipeline does).
const SEP = '\u0001';

/** The key of an identifier: its type and normalised value. */
export function identifierKey(type: string, value: string): string {
  return `${type}${SEP}${value}`;
}

/** The type and value of a key made by identifierKey. */
export function splitIdentifierKey(key: string): { type: string; value: string } {
  const at = key.indexOf(SEP);
  return { type: key.slice(0, at), value: key.slice(at + 1) };
}
