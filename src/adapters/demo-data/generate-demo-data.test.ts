import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../core/values/parse-timestamp.js';
import { readRows, tempDir } from './demo-data.test-support.js';
import { generateDemoData, SCALE_PRESETS, type DemoDataSummary } from './generate-demo-data.js';

const DAY = 86_400_000;
const dirs: string[] = [];

async function generate(
  scale: number,
  seed: number,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoDataSummary> {
  const outDir = await tempDir(`gen-${scale}-${seed}`);
  dirs.push(outDir);
  return generateDemoData({ scale, seed, outDir, ...(onProgress ? { onProgress } : {}) });
}

async function filesOf(summary: DemoDataSummary): Promise<Map<string, Buffer>> {
  const dir = join(summary.configPath, '..');
  const names = (await readdir(dir)).sort();
  return new Map(
    await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const)),
  );
}

async function lineCount(path: string): Promise<number> {
  return (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '').length;
}

describe('generateDemoData', () => {
  let small: DemoDataSummary;
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  beforeAll(async () => {
    small = await generate(3_000, 7);
  });

  it('exports the scale presets', () => {
    expect(SCALE_PRESETS).toEqual({ small: 10_000, medium: 100_000, large: 1_000_000 });
  });

  it('writes byte-identical files for the same seed and scale, and other files for another seed', async () => {
    const again = await generate(3_000, 7);
    const other = await generate(3_000, 8);
    const a = await filesOf(small);
    const b = await filesOf(again);
    const c = await filesOf(other);
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect(a.size).toBe(14);
    for (const [name, bytes] of a) {
      expect(bytes.equals(b.get(name) ?? Buffer.alloc(0)), name).toBe(true);
      if (name !== 'convrev.yaml')
        expect(bytes.equals(c.get(name) ?? Buffer.alloc(0)), name).toBe(false);
    }
  });

  it('reports the rows it wrote', async () => {
    const dir = join(small.configPath, '..');
    for (const [file, rows] of Object.entries(small.files)) {
      const header = file.endsWith('.csv') ? 1 : 0;
      expect(await lineCount(join(dir, file)), file).toBe(rows + header);
    }
    const f = small.files;
    const touches =
      (f['marketing_touches.csv'] ?? 0) +
      (f['sales_outreach.csv'] ?? 0) +
      (f['web_touches.jsonl'] ?? 0) +
      (f['conversations.csv'] ?? 0);
    expect(small.touchpoints).toBe(touches);
    expect(small.conversions).toBe(
      (f['orders.csv'] ?? 0) + (f['orders_late.csv'] ?? 0) + (f['opportunities.csv'] ?? 0),
    );
  });

  it('scales rows with the scale and keeps about one conversion per ten touchpoints', async () => {
    const big = await generate(12_000, 7);
    for (const summary of [small, big]) {
      const scale = summary === small ? 3_000 : 12_000;
      expect(summary.touchpoints).toBeGreaterThanOrEqual(scale);
      expect(summary.touchpoints).toBeLessThan(scale * 1.05);
      expect(summary.conversions / summary.touchpoints).toBeGreaterThan(0.07);
      expect(summary.conversions / summary.touchpoints).toBeLessThan(0.13);
    }
    for (const file of [
      'orders.csv',
      'conversations.csv',
      'conversation_events.jsonl',
      'opportunities.csv',
      'identity_truth.csv',
    ]) {
      const ratio = (big.files[file] ?? 0) / (small.files[file] ?? 1);
      expect(ratio, file).toBeGreaterThan(2.8);
      expect(ratio, file).toBeLessThan(5.5);
    }
    const events = big.files['conversation_events.jsonl'] ?? 0;
    const conversations = big.files['conversations.csv'] ?? 1;
    expect(events / conversations).toBeGreaterThan(3);
    expect(events / conversations).toBeLessThan(5.5);
  });

  it('reports progress up to the scale', async () => {
    const seen: [number, number][] = [];
    await generate(5_000, 3, (done, total) => seen.push([done, total]));
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toEqual([5_000, 5_000]);
    const dones = seen.map(([done]) => done);
    expect(dones).toEqual([...dones].sort((x, y) => x - y));
  });

  it('rejects a scale or seed it cannot use', async () => {
    await expect(generateDemoData({ scale: 0, seed: 1, outDir: '/nonexistent' })).rejects.toThrow(
      /scale/,
    );
    await expect(
      generateDemoData({ scale: 10, seed: 1.5, outDir: '/nonexistent' }),
    ).rejects.toThrow(/seed/);
  });

  it('has orders bought in a chat, late orders, shared browsers and deals no touch can claim', async () => {
    const dir = join(small.configPath, '..');
    const orders = await readRows(join(dir, 'orders.csv'));
    expect(orders.filter((o) => o.conversation_id !== '').length).toBeGreaterThan(5);
    expect(
      orders.filter((o) => o.conversation_id === '' && o.user_id === '' && o.email !== '').length,
    ).toBeGreaterThan(5);
    expect(orders.filter((o) => o.user_id !== '').length).toBeGreaterThan(5);
    expect(small.files['orders_late.csv']).toBeGreaterThan(0);

    const truth = await readRows(small.truthPath);
    const owners = new Map<string, Set<unknown>>();
    for (const t of truth) {
      const key = `${String(t.identifier_type)}:${String(t.identifier_value)}`;
      owners.set(key, (owners.get(key) ?? new Set()).add(t.person_key));
    }
    expect([...owners.values()].filter((p) => p.size > 1).length).toBeGreaterThan(0);
    // Cross-device: people known under two or more browsers.
    const browsers = new Map<unknown, number>();
    for (const t of truth)
      if (t.identifier_type === 'anonymous_id')
        browsers.set(t.person_key, (browsers.get(t.person_key) ?? 0) + 1);
    expect([...browsers.values()].filter((n) => n >= 2).length).toBeGreaterThan(10);

    expect(await dealsWithoutRecentTouch(dir, owners)).toBeGreaterThan(0);
  });
});

/** Opportunities none of whose account's people had a touch in the 90 days before creation. */
async function dealsWithoutRecentTouch(
  dir: string,
  owners: Map<string, Set<unknown>>,
): Promise<number> {
  const accountOf = new Map<unknown, unknown>();
  for (const c of await readRows(join(dir, 'contacts.csv'))) {
    for (const person of owners.get(`crm_contact_id:${String(c.contact_id)}`) ?? [])
      accountOf.set(person, c.account_id);
  }
  const touchTimes = new Map<unknown, number[]>();
  const add = (key: string, at: unknown): void => {
    for (const person of owners.get(key) ?? []) {
      const account = accountOf.get(person);
      if (account !== undefined)
        touchTimes.set(account, [
          ...(touchTimes.get(account) ?? []),
          parseTimestamp(String(at)) ?? 0,
        ]);
    }
  };
  for (const t of await readRows(join(dir, 'sales_outreach.csv')))
    add(`crm_contact_id:${String(t.contact_id)}`, t.sales_touchpoint_date);
  for (const t of await readRows(join(dir, 'marketing_touches.csv'))) {
    add(
      t.contact_id !== ''
        ? `crm_contact_id:${String(t.contact_id)}`
        : `anonymous_id:${String(t.anonymous_id)}`,
      t.marketing_touchpoint_date,
    );
  }
  for (const t of await readRows(join(dir, 'web_touches.jsonl')))
    add(`anonymous_id:${String(t.anonymous_id)}`, t.occurred_at);
  for (const t of await readRows(join(dir, 'conversations.csv'))) {
    add(
      t.anonymous_id !== '' ? `anonymous_id:${String(t.anonymous_id)}` : `phone:${String(t.phone)}`,
      t.started_at,
    );
  }
  let unclaimed = 0;
  for (const o of await readRows(join(dir, 'opportunities.csv'))) {
    const created = parseTimestamp(String(o.created_at)) ?? 0;
    const times = touchTimes.get(o.account_id) ?? [];
    if (!times.some((t) => t <= created && t >= created - 90 * DAY)) unclaimed += 1;
  }
  return unclaimed;
}
