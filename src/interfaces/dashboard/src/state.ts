/** The view: page and filters, kept in the URL's query so a view can be shared. */
export interface View {
  readonly page: string;
  readonly model?: string;
  readonly from?: string;
  readonly to?: string;
  readonly by?: string;
}

export function readView(): View {
  const q = new URLSearchParams(location.search);
  const pick = (k: string) => q.get(k) ?? undefined;
  const view: Record<string, string | undefined> = {
    page: pick('page') ?? 'overview',
    model: pick('model'),
    from: pick('from'),
    to: pick('to'),
    by: pick('by'),
  };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v)) as unknown as View;
}

export function viewUrl(view: View): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(view)) if (typeof v === 'string' && v) q.set(k, v);
  return `?${q.toString()}`;
}
