import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IDENTIFIER_FIELDS,
  SOURCE_KINDS,
  isSourceKind,
} from '../../core/canonical/source-kinds.js';
import { normalizeIdentifier } from '../../core/identity/normalize-identifier.js';
import { parseValue } from '../../core/values/parse-value.js';
import {
  readCanonical,
  readConfigSources,
  readRows,
  tempDir,
  type ConfigSource,
} from './demo-data.test-support.js';
import { DEMO_END } from './demo-clock.js';
import { generateDemoData, type DemoDataSummary } from './generate-demo-data.js';

// Every value of every source must load: the demo is the first thing users run.
describe('generated demo data passes the loader contract', () => {
  let dir = '';
  let summary: DemoDataSummary;
  let sources: ConfigSource[] = [];

  beforeAll(async () => {
    dir = await tempDir('validity');
    summary = await generateDemoData({ scale: 4_000, seed: 11, outDir: dir });
    sources = await readConfigSources(summary.configPath);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists only known kinds and existing files, and maps only canonical fields', () => {
    expect(sources.length).toBe(12);
    for (const source of sources) {
      expect(isSourceKind(source.kind), source.kind).toBe(true);
      expect(summary.files[source.path], source.path).toBeGreaterThan(0);
      if (!isSourceKind(source.kind)) continue;
      const fields: string[] = SOURCE_KINDS[source.kind].map((f) => f.name);
      for (const field of [
        ...Object.keys(source.mapping ?? {}),
        ...Object.keys(source.constants ?? {}),
      ]) {
        expect(fields, `${source.name}.${field}`).toContain(field);
      }
    }
  });

  it('parses every value of every source with its field spec', async () => {
    for (const source of sources) {
      if (!isSourceKind(source.kind)) continue;
      const specs = SOURCE_KINDS[source.kind];
      const rows = await readCanonical(
        dir,
        source,
        specs.map((f) => f.name),
      );
      expect(rows.length).toBe(summary.files[source.path]);
      const problems: string[] = [];
      rows.forEach((row, i) => {
        for (const spec of specs) {
          const result = parseValue(spec, row[spec.name]);
          if (!result.ok)
            problems.push(`${source.name} row ${i + 1} ${spec.name}: ${result.message}`);
        }
      });
      expect(problems.slice(0, 5), source.name).toEqual([]);
    }
  });

  it('keeps ids unique within each kind, and touchpoint ids unique across all touchpoint files', async () => {
    const idField: Record<string, string> = {
      accounts: 'account_id',
      contacts: 'contact_id',
      opportunities: 'opportunity_id',
      conversations: 'conversation_id',
      conversation_events: 'event_id',
      touchpoints: 'touchpoint_id',
      orders: 'order_id',
      tickets: 'ticket_id',
    };
    const seen = new Map<string, Set<string>>();
    for (const source of sources) {
      const field = idField[source.kind];
      if (field === undefined) continue;
      const ids = seen.get(source.kind) ?? new Set<string>();
      seen.set(source.kind, ids);
      for (const row of await readCanonical(dir, source, [field])) {
        const id = String(row[field]);
        expect(ids.has(id), `${source.kind} id ${id} repeats`).toBe(false);
        ids.add(id);
      }
    }
    expect(seen.get('touchpoints')?.size).toBe(
      summary.touchpoints - (summary.files['conversations.csv'] ?? 0),
    );
  });

  it('uses accounts, contacts and conversations that exist wherever another record names them', async () => {
    const byName = new Map(sources.map((s) => [s.name, s]));
    const ids = async (name: string, field: string): Promise<Set<string>> => {
      const source = byName.get(name);
      if (source === undefined) throw new Error(`no source ${name}`);
      const rows = await readCanonical(dir, source, [field]);
      return new Set(rows.map((r) => r[field]).filter((v): v is string => typeof v === 'string'));
    };
    const accounts = await ids('accounts', 'account_id');
    const contacts = await ids('contacts', 'contact_id');
    const conversations = await ids('conversations', 'conversation_id');
    for (const id of await ids('opportunities', 'account_id')) expect(accounts.has(id)).toBe(true);
    for (const id of await ids('contacts', 'account_id')) expect(accounts.has(id)).toBe(true);
    for (const id of await ids('sales_outreach', 'crm_contact_id'))
      expect(contacts.has(id)).toBe(true);
    for (const name of ['orders', 'orders_late', 'tickets', 'conversation_events']) {
      for (const id of await ids(name, 'conversation_id')) {
        if (id !== '') expect(conversations.has(id), `${name} → ${id}`).toBe(true);
      }
    }
  });

  it('writes a truth file that names every identifier the sources show, normalised', async () => {
    const truth = await readRows(summary.truthPath);
    const owners = new Map<string, Set<string>>();
    for (const row of truth) {
      const type = String(row.identifier_type);
      const value = String(row.identifier_value);
      expect((IDENTIFIER_FIELDS as readonly string[]).includes(type)).toBe(true);
      if (type === 'email') expect(value).toBe(value.toLowerCase());
      const key = `${type}:${value}`;
      const people = owners.get(key) ?? new Set<string>();
      expect(people.has(String(row.person_key)), `${key} listed twice`).toBe(false);
      owners.set(key, people.add(String(row.person_key)));
    }
    // Only a shared browser belongs to two people.
    const shared = [...owners].filter(([, people]) => people.size > 1).map(([key]) => key);
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.every((key) => key.startsWith('anonymous_id:'))).toBe(true);

    for (const source of sources) {
      const fields =
        source.kind === 'contacts' ? ['contact_id', 'email', 'phone'] : [...IDENTIFIER_FIELDS];
      if (source.kind === 'accounts' || source.kind === 'opportunities' || source.kind === 'spend')
        continue;
      for (const row of await readCanonical(dir, source, fields)) {
        for (const field of fields) {
          const raw = row[field];
          if (typeof raw !== 'string' || raw === '') continue;
          const type =
            field === 'contact_id'
              ? 'crm_contact_id'
              : (field as (typeof IDENTIFIER_FIELDS)[number]);
          const normal = normalizeIdentifier(type, raw);
          expect(owners.has(`${type}:${normal}`), `${source.name} ${type} ${raw}`).toBe(true);
        }
      }
    }
  });

  it('writes the files as announced: BOM, mixed-case header, timestamps with and without zone', async () => {
    const { readFile } = await import('node:fs/promises');
    const head = async (file: string): Promise<string> =>
      (await readFile(join(dir, file), 'utf8')).slice(0, 300);
    expect((await head('contacts.csv')).startsWith('\uFEFF')).toBe(true);
    expect((await head('orders_late.csv')).startsWith('\uFEFF')).toBe(true);
    expect(await head('tickets.csv')).toMatch(/^Ticket_ID,Created_At,/);
    expect(await head('orders.csv')).toMatch(/T\d\d:\d\d:\d\d-0[45]:00,/);
    expect(await head('tickets.csv')).toMatch(/T\d\d:\d\d:\d\d\+0[12]:00,/);
    expect(await head('marketing_touches.csv')).toMatch(/,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\n/);
    expect(await head('sales_outreach.csv')).toMatch(/,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n/);
    expect(await head('conversations.csv')).toMatch(/T\d\d:\d\d:\d\dZ,/);
  });
});

// At a scale where some orders' follow-up emails would fall after the year (a 5 % chance per
// order, 2 to 20 days later), so the check has something to find if the generator let them in.
describe('the demo help desk export', () => {
  it('is taken when the year closes: no ticket is created after it', async () => {
    const dir = await tempDir('tickets');
    try {
      await generateDemoData({ scale: 60_000, seed: 3, outDir: dir });
      const tickets = await readRows(join(dir, 'tickets.csv'));
      expect(tickets.length).toBeGreaterThan(100);
      const late = tickets.filter((t) => Date.parse(String(t.created_at)) >= DEMO_END);
      expect(late.map((t) => t.ticket_id)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
