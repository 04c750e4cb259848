import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEventContracts } from '../src/adapters/contracts/read-event-contracts.js';
import { textItem } from '../src/adapters/http/message-item.js';
import type { Config } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { writeReportFile } from '../src/interfaces/cli/export/write-report-file.js';
import { REPORT_REGISTRY } from '../src/interfaces/cli/report-registry.js';
import { createIngestEnvironment } from '../src/pipeline/ingest/create-ingest-environment.js';
import type { BatchItem } from '../src/pipeline/ingest/ingest-batch.js';
import { ingestFiles } from '../src/pipeline/ingest/ingest-files.js';
import { createPiiHasher } from '../src/pipeline/ingest/pii-hasher.js';
import { prepareJson } from '../src/pipeline/ingest/prepare-json.js';
import { writeBatches } from '../src/pipeline/ingest/write-batches.js';
import { erasePerson } from '../src/pipeline/privacy/erase-person.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { eachEngine, traces } from './support/each-engine.js';
import { memoryConfig, type MemoryRows } from './support/memory-sources.js';

const SALT = 'erasure-replay-salt';
const EMAIL = 'shopper@x.example';
const PHONE = '+16022999153';

/**
 * A shopper (email and E.164 phone on one event, device anon-s on another of conversation
 * conv-s, an order on it) and a bystander. `extra` adds events to the file source, as a later
 * delivery of the same file would.
 */
function world(hashPii: boolean, extra: MemoryRows = []) {
  const { config, open } = memoryConfig({
    conversations: {
      kind: 'conversations',
      rows: [
        { conversation_id: 'conv-s', channel: 'chat', started_at: '2026-03-10T00:00:00Z' },
        { conversation_id: 'conv-b', channel: 'chat', started_at: '2026-03-10T00:00:00Z' },
      ],
    },
    events: {
      kind: 'conversation_events',
      rows: [
        {
          event_id: 'e1',
          event_type: 'chat.conversation.started',
          occurred_at: '2026-03-10T00:00:00Z',
          conversation_id: 'conv-s',
          anonymous_id: 'anon-s',
        },
        {
          event_id: 'e2',
          event_type: 'chat.lead.qualified',
          occurred_at: '2026-03-10T00:05:00Z',
          conversation_id: 'conv-s',
          email: EMAIL,
          phone: PHONE,
        },
        {
          event_id: 'e3',
          event_type: 'chat.conversation.started',
          occurred_at: '2026-03-10T00:00:00Z',
          conversation_id: 'conv-b',
          email: 'bystander@x.example',
        },
        ...extra,
      ],
    },
    orders: {
      kind: 'orders',
      rows: [
        {
          order_id: 'o1',
          placed_at: '2026-03-10T00:30:00Z',
          amount: '100',
          conversation_id: 'conv-s',
        },
        {
          order_id: 'o2',
          placed_at: '2026-03-11T00:30:00Z',
          amount: '50',
          email: 'bystander@x.example',
        },
      ],
    },
  });
  const withPrivacy: Config = { ...config, privacy: { hashPii } };
  return { config: withPrivacy, open };
}

const event = (id: string, fields: Record<string, unknown>) => ({
  type: 'chat.intent.detected',
  event_id: id,
  occurred_at: '2026-03-12T10:00:00Z',
  conversation_id: 'conv-new',
  intent_label: 'pricing',
  confidence: 0.9,
  ...fields,
});

/** Records carrying the shopper after the erasure, valid, contract-failing and malformed. */
const REPLAYS: readonly (Record<string, unknown> | string)[] = [
  event('r-valid', { email: 'Shopper@X.example' }),
  event('r-props', { anonymous_id: 'anon-new-1', properties: { email: EMAIL, note: 'hi' } }),
  event('r-national', { anonymous_id: 'anon-new-2', phone: '602 299 9153' }),
  event('r-deep', { anonymous_id: 'anon-new-3', properties: { a: { b: [{ c: ` ${EMAIL} ` }] } } }),
  // Contract failures: no occurred_at, an unknown event type, an invalid email of theirs.
  { type: 'chat.intent.detected', event_id: 'r-bad-1', email: EMAIL, phone: '(602) 299-9153' },
  { type: 'no.such.event', event_id: 'r-bad-2', properties: { contact: PHONE } },
  event('r-bad-3', { email: `${EMAIL} <typo>`, anonymous_id: 'anon-s' }),
  `{"type":"chat.intent.detected","email":"${EMAIL}",`,
  // A bystander's record, for the accounting: stored.
  event('r-other', { email: 'bystander@x.example', properties: { ref: 'ok' } }),
];

async function replay(engine: Engine, config: Config, salt: object) {
  const env = createIngestEnvironment(config, { contracts: readEventContracts(), ...salt });
  const context = { receivedAt: Date.UTC(2026, 2, 12), sourceName: 'web', sourceLine: null };
  const items: BatchItem[] = REPLAYS.map((r) =>
    typeof r === 'string' ? textItem(r, context, env) : prepareJson({ payload: r }, context, env),
  );
  const { reports } = await engine.transaction(() =>
    writeBatches(engine, [
      { batchId: 'replay-1', source: 'web', transport: 'http', receivedAt: Date.now(), items },
    ]),
  );
  return reports[0];
}

const hashes = (hashPii: boolean) => {
  if (!hashPii) return [];
  const h = createPiiHasher(SALT);
  return [h.hash('email', EMAIL), h.hash('phone', PHONE), h.hash('phone', '6022999153')];
};

for (const factory of eachEngine('erasure-replay')) {
  describe(`erasure then replays on ${factory.name}`, () => {
    let engine: Engine;
    let dir: string;
    beforeEach(async () => {
      engine = await factory.open();
      dir = mkdtempSync(join(tmpdir(), 'convrev-erasure-'));
    });
    afterEach(async () => {
      await factory.dispose(engine);
      rmSync(dir, { recursive: true, force: true });
    });

    for (const hashPii of [false, true]) {
      it(`nothing of the erased person comes back, through any record or format (hash_pii ${hashPii})`, async () => {
        const salt = hashPii ? { piiSalt: SALT } : {};
        const { config, open } = world(hashPii);
        await runPipeline(engine, config, { open, ...salt });
        const needles = [EMAIL, PHONE, '6022999153', 'anon-s', 'conv-s', ...hashes(hashPii)];
        expect((await traces(engine, needles)).length).toBeGreaterThan(0);

        await erasePerson(engine, `email:${EMAIL}`, { config, requestedBy: 'dpo', ...salt });
        expect(await traces(engine, needles)).toEqual([]);

        const report = await replay(engine, config, salt);
        expect(report).toMatchObject({ offered: REPLAYS.length, stored: 1, deadLettered: 8 });
        const letters = await engine.query(sql('SELECT payload, reasons FROM dead_letters'));
        expect(letters).toHaveLength(8);
        for (const l of letters) {
          expect(JSON.parse(String(l.reasons))).toEqual([
            expect.objectContaining({ code: 'erased' }),
          ]);
          expect(l.payload).toBe('');
        }

        // The file path (`convrev ingest`, then a run): the same file delivered again with two
        // more of their records, one with their phone in national format, one failing its contract.
        const later = world(hashPii, [
          {
            event_id: 'f1',
            event_type: 'chat.intent.detected',
            occurred_at: '2026-03-13T00:00:00Z',
            phone: '602-299-9153',
          },
          {
            event_id: 'f2',
            event_type: 'chat.intent.detected',
            occurred_at: 'not a time',
            email: EMAIL,
          },
        ]);
        const env = createIngestEnvironment(later.config, salt);
        await ingestFiles(engine, later.config.sources, later.open, env, {
          strict: false,
          batchRows: 100,
        });
        await runPipeline(engine, later.config, { open: later.open, ...salt });

        expect(await traces(engine, needles)).toEqual([]);
        const [b] = await engine.query(
          sql(
            'SELECT SUM(offered) AS o, SUM(stored) AS s, SUM(duplicates) AS d, SUM(dead_lettered) AS x FROM ingest_batches',
          ),
        );
        expect(Number(b?.o)).toBe(Number(b?.s) + Number(b?.d) + Number(b?.x));
        const [n] = await engine.query(
          sql("SELECT COUNT(*) AS n FROM identifiers WHERE identifier_type = 'phone'"),
        );
        expect(Number(n?.n)).toBe(0);

        // Every report as a CSV export holds none of it either.
        for (const r of REPORT_REGISTRY) {
          const out = join(dir, `${r.name}.csv`);
          await writeReportFile(engine, await r.prepare(engine, { out, format: 'table' }), out);
          const text = readFileSync(out, 'utf8').toLowerCase();
          for (const needle of needles)
            expect(text.includes(needle.toLowerCase()), `${r.name}: ${needle}`).toBe(false);
        }
      });
    }

    it('erases rows whose properties name the person, and dead letters holding a national-format phone', async () => {
      const { config, open } = world(false, [
        {
          event_id: 'p1',
          event_type: 'chat.intent.detected',
          occurred_at: '2026-03-10T00:06:00Z',
          anonymous_id: 'anon-p',
          properties: JSON.stringify({ typed: EMAIL.toUpperCase() }),
        },
      ]);
      await runPipeline(engine, config, { open });
      const env = createIngestEnvironment(config, { contracts: readEventContracts() });
      const context = { receivedAt: Date.UTC(2026, 2, 12), sourceName: 'web', sourceLine: null };
      const bad = prepareJson(
        { payload: { type: 'no.such.event', phone: '602.299.9153' } },
        context,
        env,
      );
      await engine.transaction(() =>
        writeBatches(engine, [
          { batchId: 'b', source: 'web', transport: 'http', receivedAt: Date.now(), items: [bad] },
        ]),
      );
      const dry = await erasePerson(engine, `phone:${PHONE}`, {
        config,
        requestedBy: 'dpo',
        dryRun: true,
      });
      const byTable = Object.fromEntries(dry.tables.map((t) => [t.table, t.rows]));
      expect(byTable.dead_letters).toBe(1);
      await erasePerson(engine, `phone:${PHONE}`, { config, requestedBy: 'dpo' });
      expect(await traces(engine, [EMAIL, '299.9153', 'anon-p', 'anon-s'])).toEqual([]);
    });
  });
}
