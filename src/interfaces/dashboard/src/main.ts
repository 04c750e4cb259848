import './style.css';
import { ApiError, get, report, storedKey, storeKey, takeIgnored, type ApiRow } from './api.js';
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
import { FILTER_KEYS, filtersOf, readView, viewUrl, type FilterKey, type View } from './state.js';

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

// The values each filter can take, from the conversations the warehouse holds.
type Choices = Partial<Record<FilterKey, string[]>>;

async function filterChoices(model: string | undefined): Promise<Choices> {
  const rows = await report('rpc', { model, by: 'segment,channel,conversation_type' });
  const choices: Choices = {};
  for (const key of ['segment', 'channel', 'conversation_type'] as const)
    choices[key] = rows
      .filter((r: ApiRow) => r.dimension === key && r.dimension_value !== null)
      .map((r) => String(r.dimension_value));
  return choices;
}

function choice(name: FilterKey, values: readonly string[], current: string | undefined) {
  // A shared URL may name a value this warehouse lacks: keep it, so the view says what it shows.
  const all = current && !values.includes(current) ? [...values, current] : values;
  return el(
    'select',
    { name },
    el('option', current ? { value: '' } : { value: '', selected: '' }, 'all'),
    ...all.map((v) => el('option', v === current ? { value: v, selected: '' } : { value: v }, v)),
  );
}

function filterBar(
  view: View,
  models: readonly string[],
  model: string | undefined,
  choices: Choices,
): HTMLElement {
  const select = el(
    'select',
    { name: 'model' },
    ...models.map((m) => el('option', m === model ? { value: m, selected: '' } : { value: m }, m)),
  );
  const fields: Record<FilterKey, HTMLInputElement | HTMLSelectElement> = {
    from: el('input', { type: 'date', name: 'from', value: view.from ?? '' }),
    to: el('input', { type: 'date', name: 'to', value: view.to ?? '' }),
    segment: choice('segment', choices.segment ?? [], view.segment),
    channel: choice('channel', choices.channel ?? [], view.channel),
    conversation_type: choice(
      'conversation_type',
      choices.conversation_type ?? [],
      view.conversation_type,
    ),
  };
  const apply = el('button', { type: 'submit' }, 'Apply');
  const form = el(
    'form',
    { class: 'filters' },
    el('label', {}, 'model ', select),
    ...FILTER_KEYS.map((k) => el('label', {}, `${k.replaceAll('_', ' ')} `, fields[k])),
    apply,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next: Record<string, string> = { page: view.page, model: select.value };
    for (const k of FILTER_KEYS) if (fields[k].value) next[k] = fields[k].value;
    if (view.by) next.by = view.by;
    go(next as unknown as View);
  });
  return form;
}

/** Says which figures of the page did not follow which filter, instead of passing them off. */
function ignoredNote(): HTMLElement[] {
  const ignored = takeIgnored();
  if (!ignored.length) return [];
  const text = ignored.map(([f, parts]) => `${f.replaceAll('_', ' ')} (${parts.join(', ')})`);
  return [
    el(
      'p',
      { class: 'hint', 'data-ignored': ignored.map(([f]) => f).join(',') },
      `Not narrowed by these filters, which they have no notion of: ${text.join('; ')}.`,
    ),
  ];
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
        // The grouping belongs to a page; model and filters carry over.
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
    const choices = await filterChoices(model);
    takeIgnored();
    const main = el(
      'main',
      { 'data-page': page.id },
      el('h1', {}, page.title),
      el('p', { class: 'loading' }, 'Loading…'),
    );
    app.replaceChildren(
      el('header', {}, el('span', { class: 'brand' }, 'convrev'), nav({ ...view, page: page.id })),
      filterBar(view, models, model, choices),
      main,
    );
    const sections = await page.render({ view, models, model, filters: filtersOf(view) });
    main.replaceChildren(el('h1', {}, page.title), ...ignoredNote(), ...sections);
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
