/**
 * A database URL fit for messages and logs: the password replaced by `***`. Anything that is
 * not a URL is not echoed at all, since it may be a password pasted in the wrong place.
 */
export function describeDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(a database URL that does not parse)';
  }
  if (parsed.password) parsed.password = '***';
  // Query parameters may carry a password too (?password=...).
  for (const key of [...parsed.searchParams.keys()]) {
    if (/pass|secret|token/i.test(key)) parsed.searchParams.set(key, '***');
  }
  return parsed.toString();
}
