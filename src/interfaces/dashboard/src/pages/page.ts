import type { Filters, View } from '../state.js';

/** What a page gets: the view (filters) and the models with credits. */
export interface PageContext {
  readonly view: View;
  readonly models: readonly string[];
  /** The model of the view, or the default one (linear when there). */
  readonly model: string | undefined;
  /** The view's filters, for every request of the page. */
  readonly filters: Filters;
}

export interface Page {
  readonly id: string;
  readonly title: string;
  render(ctx: PageContext): Promise<HTMLElement[]>;
}
