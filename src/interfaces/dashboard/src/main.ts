import './style.css';
import { ApiError, get, report, storedKey, storeKey } from './api.js';
import { disposeCharts, drawCharts } from './charts.js';
import { el } from './dom.js';
import { attributionPage } from './pages/attribution-page.js';
import { conversationsPage } from './pages/conversations-page.js';
import { funnelPage } from './pages/funnel-page.js';
import { overviewPage } from './pages/overview-page.js';
import type { Page } from './pages/page.js';
import { pathsPage } from './pages/paths-page.js';
import { qualityPage } from './pages/quality-page.js';
import { spendPage } from './pages/spend-page.js';
import { readView, viewUrl, type View } from './state.js';

const PAGES: readonly Page[] = [
  overviewPage,
  attributionPage,
  conversationsPage,
  funnelPage,
  pathsPage,
  spendPage,
  qualityPage,
];

const app = document.getElementById('app') as HTMLElement;

function signIn(message = ''): void {
  disposeCharts();
  const input = el('input', {
    type: 'password',
    name: 'key',
    placeholder: 'cvk_…',
    autocomplete: 'off',
  });
  const note = el('p', { class: 'error' }, message);
  const form = el(
    'form',
    { class: 'sign-in' },
    el('h1', {}, 'convrev'),
    el(
      'p',
      {},
      'Sign in with a read key (convrev keys create --scope read). It is kept in this browser.',
    ),
    input,
    el('button', { type: 'submit' }, 'Sign in'),
    note,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    get('/v1/reports', {}, key)
      .then(() => {
        storeKey(key);
        void render();
      })
      .catch((error: unknown) => {
        note.textContent =
          error instanceof ApiError && error.status === 403
            ? 'That key has no read scope.'
            : 'That key was not accepted.';
      });
  });
  app.replaceChildren(form);
  document.body.dataset.ready = 'sign-in';
}

function go(view: View): void {
  history.pushState(null, '', viewUrl(view));
  void render();
}

function filterBar(view: View, models: readonly string[], model: string | undefined): HTMLElement {
  const select = el(
    'select',
    { name: 'model' },
    ...models.map((m) => el('option', m === model ? { value: m, selected: '' } : { value: m }, m)),
  );
  const from = el('input', { type: 'date', name: 'from', value: view.from ?? '' });
  const to = el('input', { type: 'date', name: 'to', value: view.to ?? '' });
  const apply = el('button', { type: 'submit' }, 'Apply');
  const form = el(
    'form',
    { class: 'filters' },
    el('label', {}, 'model ', select),
    el('label', {}, 'from ', from),
    el('label', {}, 'to ', to),
    apply,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next: Record<string, string> = { page: view.page, model: select.value };
    if (from.value) next.from = from.value;
    if (to.value) next.to = to.value;
    if (view.by) next.by = view.by;
    go(next as unknown as View);
  });
  return form;
}

function nav(view: View): HTMLElement {
  return el(
    'nav',
    {},
    ...PAGES.map((p) => {
      const link = el(
        'a',
        {
          href: viewUrl({ ...view, page: p.id }),
          class: p.id === view.page ? 'active' : '',
          'data-nav': p.id,
        },
        p.title,
      );
      link.addEventListener('click', (event) => {
        event.preventDefault();
        // The grouping belongs to a page; model and dates carry over.
        go({ ...view, page: p.id, by: undefined } as unknown as View);
      });
      return link;
    }),
    (() => {
      const out = el('a', { href: '#', class: 'sign-out' }, 'Sign out');
      out.addEventListener('click', (event) => {
        event.preventDefault();
        storeKey(null);
        signIn();
      });
      return out;
    })(),
  );
}

async function render(): Promise<void> {
  if (!storedKey()) return signIn();
  const view = readView();
  const page = PAGES.find((p) => p.id === view.page) ?? overviewPage;
  delete document.body.dataset.ready;
  disposeCharts();
  try {
    const models = (await report('summary')).map((r) => String(r.model));
    const model =
      view.model && models.includes(view.model)
        ? view.model
        : models.includes('linear')
          ? 'linear'
          : models[0];
    const main = el(
      'main',
      { 'data-page': page.id },
      el('h1', {}, page.title),
      el('p', { class: 'loading' }, 'Loading…'),
    );
    app.replaceChildren(
      el('header', {}, el('span', { class: 'brand' }, 'convrev'), nav({ ...view, page: page.id })),
      filterBar(view, models, model),
      main,
    );
    const sections = await page.render({ view, models, model });
    main.replaceChildren(el('h1', {}, page.title), ...sections);
    drawCharts();
    document.title = `convrev · ${page.title}`;
    document.body.dataset.ready = page.id;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      storeKey(null);
      return signIn('The stored key is no longer accepted; sign in again.');
    }
    const message = error instanceof Error ? error.message : String(error);
    app.append(
      el('p', { class: 'error', 'data-error': '' }, `Could not load this page: ${message}`),
    );
    document.body.dataset.ready = 'error';
  }
}

window.addEventListener('popstate', () => void render());
void render();
