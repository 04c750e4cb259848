/**
 * A full name as one typed it ("Ann Marie Smith") split the way the identity stage reads it: the
 * first word as the first name, the rest as the last name (null when there is one word).
 */
export function splitFullName(full: string): { first: string; last: string | null } {
  const text = full.trim();
  const at = text.search(/\s/);
  if (at < 0) return { first: text, last: null };
  return { first: text.slice(0, at), last: text.slice(at).trim() };
}
