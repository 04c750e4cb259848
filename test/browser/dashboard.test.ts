/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/core/config/config.js';
import { runCli } from '../support/run-cli.js';
import { demoWarehouse, serveWarehouse, type ServedWarehouse } from '../support/server-harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
const CI = process.env.CI === 'true';

if (!CHROMIUM && !CI)
  console.warn(
    'browser suite SKIPPED: no Chromium (apt-get install -y chromium); it is required when CI=true',
  );

type Json = Record<string, unknown>;

/** Every page and the charts it must draw on the demo data. */
const PAGES: Record<string, readonly string[]> = {
  overview: ['rpc-trend', 'waterfall'],
  attribution: ['channel-model', 'by-dimension'],
  conversations: ['rpc-by-type', 'rpc-by-flow', 'rpc-by-hour'],
  funnel: ['funnel', 'conversion-by-segment', 'speed-to-lead'],
  paths: ['sankey', 'top-paths'],
  spend: ['spend-revenue'],
  quality: ['dead-letters', 'freshness'],
};

describe.skipIf(!CHROMIUM && !CI)('the dashboard in Chromium', () => {
  let config: Config;
  let served: ServedWarehouse;
  let browser: Browser;
  let page: Page;
  let base: string;
  const cli: Record<string, Json[]> = {};

  const api = async (path: string): Promise<Json> => {
    const r = await fetch(`${base}${path}`, {
      headers: { authorization: `Bearer ${served.keys.read}` },
    });
    expect(r.status, path).toBe(200);
    return (await r.json()) as Json;
  };

  const open = async (id: string, query = '') => {
    await page.goto(`${base}/?page=${id}${query}`);
    await page.waitForSelector(`body[data-ready="${id}"]`, { timeout: 60_000 });
  };

  /** The figure's raw value and its text as shown. */
  const figure = async (name: string) => {
    const node = page.locator(`[data-figure="${name}"]`);
    return {
      value: Number(await node.getAttribute('data-value')),
      text: (await node.locator('.figure-value').textContent()) ?? '',
    };
  };

  beforeAll(async () => {
    if (!CHROMIUM) throw new Error('CI=true but Chromium is missing: apt-get install -y chromium');
    const outDir = await mkdtemp(join(tmpdir(), 'convrev-dashboard-'));
    // The test builds the dashboard from source itself, never trusting a dist/ left behind.
    await build({
      configFile: join(ROOT, 'src', 'interfaces', 'dashboard', 'vite.config.ts'),
      build: { outDir, emptyOutDir: true },
      logLevel: 'error',
    });
    const warehouse = await demoWarehouse(2_000);
    config = warehouse.config;
    for (const [name, args] of [
      ['rpc', ['rpc', '--model', 'linear']],
      ['attributed', ['attribution', '--model', 'linear', '--by', '']],
      ['conversion', ['conversion', '--by', 'overall']],
    ] as const) {
      const r = runCli(['report', ...args, '--format', 'json', '--db', warehouse.db]);
      expect(r.status, r.stderr).toBe(0);
      cli[name] = JSON.parse(r.stdout) as Json[];
    }
    served = await serveWarehouse(config, { dashboardDir: outDir });
    base = (await served.server.app.listen({ host: '127.0.0.1', port: 0 })).replace(
      '[::1]',
      '127.0.0.1',
    );
    // A refused event, so the data-quality page has a dead letter to chart.
    await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${served.keys.ingest}` },
      body: JSON.stringify({ type: 'chat.intent.detected', event_id: 'bad-1' }),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('signs in with a read key and refuses an ingest key', async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('body[data-ready="sign-in"]');
    await page.fill('input[name=key]', served.keys.ingest);
    await page.click('button[type=submit]');
    await page.waitForSelector('text=That key has no read scope.');
    await page.fill('input[name=key]', served.keys.read);
    await page.click('button[type=submit]');
    await page.waitForSelector('body[data-ready="overview"]', { timeout: 60_000 });
  });

  for (const [id, charts] of Object.entries(PAGES))
    it(`draws every chart of the ${id} page`, async () => {
      await open(id);
      for (const name of charts) {
        const drawn = await page.evaluate((chart) => {
          const div = document.querySelector<HTMLElement>(`[data-chart="${chart}"]`);
          const canvas = div?.querySelector('canvas');
          if (!div || !canvas) return { points: 0, inked: 0 };
          const ctx = canvas.getContext('2d');
          const data = ctx?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
          let inked = 0;
          for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) inked += 1;
          return { points: Number(div.dataset.points), inked };
        }, name);
        expect(drawn.points, `${id}/${name} points`).toBeGreaterThan(0);
        expect(drawn.inked, `${id}/${name} pixels`).toBeGreaterThan(500);
      }
      expect(await page.locator('[data-error]').count()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-${id}.png`), fullPage: true });
    });

  it('shows the headline figures the API and the CLI give', async () => {
    await open('overview', '&model=linear');
    const o = await api('/v1/overview?model=linear');
    const rpc = cli.rpc?.[0] ?? {};
    const attributed = cli.attributed?.[0] ?? {};
    const longest = (cli.conversion ?? [])
      .filter((r) => r.dimension === 'overall')
      .sort((a, b) => Number(b.window_days) - Number(a.window_days))[0];
    const money = (v: number) =>
      v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const checks: [string, unknown, unknown][] = [
      ['rpc_comprehensive', (o.rpc as Json).rpc_comprehensive, rpc.rpc_comprehensive],
      ['rpc_basic', (o.rpc as Json).rpc_basic, rpc.rpc_basic],
      ['attributed_value', (o.attributed as Json).credited_value, attributed.credited_value],
      ['conversations', (o.rpc as Json).conversations, rpc.conversations],
      ['conversion_rate', undefined, longest?.rate],
    ];
    for (const [name, fromApi, fromCli] of checks) {
      const shown = await figure(name);
      if (fromApi !== undefined) expect(shown.value, name).toBe(fromApi);
      expect(shown.value, name).toBe(fromCli);
      if (name.startsWith('rpc') || name === 'attributed_value')
        expect(shown.text, name).toBe(money(shown.value));
      if (name === 'conversion_rate') expect(shown.text).toBe(`${(shown.value * 100).toFixed(1)}%`);
    }
    const quality = await api('/v1/quality');
    await open('quality');
    expect((await figure('match_rate')).value).toBe(quality.matchRate);
  });

  it('applies a segment from the URL: the headline figures are the API’s filtered ones', async () => {
    await open('overview', '&model=linear&segment=enterprise');
    const o = await api('/v1/overview?model=linear&segment=enterprise');
    const whole = await api('/v1/overview?model=linear');
    const rpc = o.rpc as Json;
    expect(Number(rpc.conversations)).toBeGreaterThan(0);
    expect(rpc.conversations).not.toBe((whole.rpc as Json).conversations);
    for (const name of ['rpc_comprehensive', 'rpc_basic', 'conversations'])
      expect((await figure(name)).value, name).toBe(rpc[name]);
    // Attributed revenue is the credit of enterprise conversions, less than the whole.
    const credited = Number((o.attributed as Json).credited_value);
    expect((await figure('attributed_value')).value).toBe(credited);
    expect(credited).toBeLessThan(Number((whole.attributed as Json).credited_value));
    const longest = (o.conversion as Json[])
      .filter((r) => r.dimension === 'overall')
      .sort((a, b) => Number(b.window_days) - Number(a.window_days))[0];
    expect((await figure('conversion_rate')).value).toBe(longest?.rate);
    expect(await page.locator('select[name=segment]').inputValue()).toBe('enterprise');
    // Every figure of the page follows the segment: nothing is named as not filtered.
    expect(await page.locator('[data-ignored]').count()).toBe(0);
    // The filter carries over to the next page with the navigation.
    await page.click('[data-nav="funnel"]');
    await page.waitForSelector('body[data-ready="funnel"]');
    expect(new URL(page.url()).searchParams.get('segment')).toBe('enterprise');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-overview-enterprise.png') });
  });

  it('narrows the paths page by segment, and names what the spend page could not narrow', async () => {
    await open('paths', '&segment=enterprise');
    const paths = (await api('/v1/reports/paths?segment=enterprise')).rows as Json[];
    const whole = (await api('/v1/reports/paths')).rows as Json[];
    expect(paths.length).toBeGreaterThan(0);
    expect(paths).not.toEqual(whole);
    const shown = await page
      .locator('[data-table=paths] tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [r.children[1]?.textContent, r.children[2]?.textContent]),
      );
    expect(shown.map(([path, n]) => [path, Number(n?.replaceAll(',', ''))])).toEqual(
      paths.map((p) => [String(p.path), p.conversions]),
    );
    expect(await page.locator('[data-ignored]').count()).toBe(0);
    // Spend and ROI reads touches and spend, which have no segment: the page says so.
    await open('spend', '&segment=enterprise');
    expect(await page.locator('[data-ignored]').getAttribute('data-ignored')).toBe('segment');
  });

  it('keeps filters in the URL, so a view can be shared', async () => {
    await open('attribution', '&model=first_touch&by=conversion_kind');
    expect(await page.locator('select[name=model]').inputValue()).toBe('first_touch');
    expect(await page.locator('section h2', { hasText: 'By conversion_kind' }).count()).toBe(1);
    await page.selectOption('select[name=model]', 'last_touch');
    await page.click('form.filters button[type=submit]');
    await page.waitForSelector('body[data-ready="attribution"]');
    expect(new URL(page.url()).searchParams.get('model')).toBe('last_touch');
    expect(new URL(page.url()).searchParams.get('by')).toBe('conversion_kind');
  });
});
