/** A row of a report as the API returns it. */
export type ApiRow = Record<string, string | number | boolean | null>;

const KEY_STORE = 'convrev.key';

export function storedKey(): string | null {
  return localStorage.getItem(KEY_STORE);
}

export function storeKey(key: string | null): void {
  if (key === null) localStorage.removeItem(KEY_STORE);
  else localStorage.setItem(KEY_STORE, key);
}

/** A request the API refused: the status and its one-line message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** GET a path of the read API with the stored key as bearer token. */
export async function get<T>(
  path: string,
  params: Record<string, string | undefined> = {},
  key = storedKey(),
): Promise<T> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, v);
  const url = `${path}${query.size ? `?${query.toString()}` : ''}`;
  const response = await fetch(url, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    throw new ApiError(response.status, body.message ?? response.statusText);
  }
  return (await response.json()) as T;
}

// What the page's requests could not filter by, per filter: the parts it left whole.
const ignored = new Map<string, Set<string>>();

/** Notes that `part` was not narrowed by `filters` (the API's `filters.ignored`). */
export function noteIgnored(part: string, filters: readonly string[] | undefined): void {
  for (const f of filters ?? []) ignored.set(f, (ignored.get(f) ?? new Set()).add(part));
}

/** The filters this page's figures did not follow, with the reports that ignored each; clears. */
export function takeIgnored(): [string, string[]][] {
  const out = [...ignored.entries()].map(([f, parts]): [string, string[]] => [f, [...parts]]);
  ignored.clear();
  return out;
}

/** The rows of one report (GET /v1/reports/NAME). */
export async function report(
  name: string,
  params: Record<string, string | undefined> = {},
): Promise<ApiRow[]> {
  const answer = await get<{ rows: ApiRow[]; filters?: { ignored?: string[] } }>(
    `/v1/reports/${name}`,
    params,
  );
  noteIgnored(name, answer.filters?.ignored);
  return answer.rows;
}
