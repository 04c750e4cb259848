/** The filters every page passes to the API (conversations' days, segment, channel, type). */
export const FILTER_KEYS = ['from', 'to', 'segment', 'channel', 'conversation_type'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** The view: page and filters, kept in the URL's query so a view can be shared. */
export interface View extends Filters {
  readonly page: string;
  readonly model?: string;
  readonly by?: string;
}

export function readView(): View {
  const q = new URLSearchParams(location.search);
  const pick = (k: string) => q.get(k) ?? undefined;
  const view: Record<string, string | undefined> = {
    page: pick('page') ?? 'overview',
    model: pick('model'),
    by: pick('by'),
  };
  for (const k of FILTER_KEYS) view[k] = pick(k);
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v)) as unknown as View;
}

/** The filters of a view, as API query parameters. */
export function filtersOf(view: View): Filters {
  return Object.fromEntries(FILTER_KEYS.filter((k) => view[k]).map((k) => [k, view[k]]));
}

export function viewUrl(view: View): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(view)) if (typeof v === 'string' && v) q.set(k, v);
  return `?${q.toString()}`;
}
