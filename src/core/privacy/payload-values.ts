// A JSON string literal, optionally followed by the colon that makes it a key.
const STRING = /"((?:[^"\\\n]|\\.)*)"(\s*:)?/g;
// A JSON number long enough to be a phone (7 to 15 digits).
const NUMBER = /(?<![\w.])\+?\d{7,15}(?![\w.])/g;
// Cells of a delimited line (a CSV row that did not parse).
const CELLS = /[,;\t|\r\n]/;

/**
 * Every value a record's payload text holds, however deep, without parsing it as a tree: the
 * decoded string values of JSON (keys skipped), numbers long enough to be a phone, and, for
 * text that is not JSON (a raw CSV line, a truncated body), its delimited cells. Linear in the
 * text and free of recursion, so a payload nested 100,000 deep, or malformed, is scanned too.
 */
export function payloadValues(text: string): string[] {
  const values: string[] = [];
  for (const m of text.matchAll(STRING)) {
    if (m[2] !== undefined) continue;
    const literal = m[1] ?? '';
    values.push(literal.includes('\\') ? decode(literal) : literal);
  }
  for (const m of text.matchAll(NUMBER)) values.push(m[0]);
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[')
    for (const cell of text.split(CELLS)) values.push(cell.trim().replace(/^"|"$/g, ''));
  return values;
}

function decode(literal: string): string {
  try {
    return JSON.parse(`"${literal}"`) as string;
  } catch {
    return literal;
  }
}
