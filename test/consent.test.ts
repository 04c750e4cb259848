import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEventContracts } from '../src/adapters/contracts/read-event-contracts.js';
import type { PrivacyConfig } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { createIngestEnvironment } from '../src/pipeline/ingest/create-ingest-environment.js';
import { prepareJson } from '../src/pipeline/ingest/prepare-json.js';
import { writeBatches } from '../src/pipeline/ingest/write-batches.js';
import { eachEngine } from './support/each-engine.js';

const context = { receivedAt: Date.UTC(2026, 2, 1), sourceName: 'web', sourceLine: null };
const event = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'chat.intent.detected',
  event_id: id,
  occurred_at: '2026-03-01T10:00:00Z',
  conversation_id: 'c-1',
  intent_label: 'pricing',
  confidence: 0.9,
  email: 'ann@example.com',
  anonymous_id: 'device-1',
  ...extra,
});

async function ingest(engine: Engine, privacy: PrivacyConfig, payloads: unknown[]) {
  const env = createIngestEnvironment({ privacy }, { contracts: readEventContracts() });
  const items = payloads.map((payload) => prepareJson({ payload }, context, env));
  const { reports } = await engine.transaction(() =>
    writeBatches(engine, [
      { batchId: 'b1', source: 'web', transport: 'http', receivedAt: context.receivedAt, items },
    ]),
  );
  return reports[0];
}

const events = (engine: Engine) =>
  engine.query(
    sql(
      'SELECT event_id, email, anonymous_id, properties FROM conversation_events ORDER BY event_id',
    ),
  );

for (const factory of eachEngine('consent')) {
  describe(`consent and data minimisation on ${factory.name}`, () => {
    let engine: Engine;
    beforeEach(async () => {
      engine = await factory.open();
    });
    afterEach(() => factory.dispose(engine));

    it('drops events without analytics consent, counted as dead letters with no payload', async () => {
      const report = await ingest(engine, { hashPii: false, withoutConsent: 'drop' }, [
        event('e1', { consent: { analytics: true, marketing: false } }),
        event('e2', { consent: { analytics: false } }),
        event('e3'),
      ]);
      expect(report).toMatchObject({ offered: 3, stored: 2, duplicates: 0, deadLettered: 1 });
      expect((await events(engine)).map((r) => r.event_id)).toEqual(['e1', 'e3']);
      const [letter] = await engine.query(
        sql('SELECT payload, reasons, replay_batch_id FROM dead_letters'),
      );
      expect(letter?.payload).toBe('');
      // Nothing to replay: settled at once, never pending.
      expect(letter?.replay_batch_id).toBe('withheld');
      expect(String(letter?.reasons)).toContain('no_consent');
    });

    it('stores them pseudonymised when configured: no identifier, a one-way device pseudonym', async () => {
      const report = await ingest(engine, { hashPii: false, withoutConsent: 'pseudonymise' }, [
        event('e2', { consent: { analytics: false }, properties: { name: 'Ann' } }),
      ]);
      expect(report).toMatchObject({ offered: 1, stored: 1, deadLettered: 0 });
      const [row] = await events(engine);
      expect(row?.email).toBeNull();
      expect(row?.properties).toBeNull();
      expect(String(row?.anonymous_id)).toMatch(/^pseudo:[0-9a-f]{32}$/);
      expect(JSON.stringify(row)).not.toMatch(/ann|device-1/i);
    });

    it('refuses a malformed consent', async () => {
      const report = await ingest(engine, { hashPii: false }, [
        event('e1', { consent: { analytics: 'yes' } }),
      ]);
      expect(report?.deadLettered).toBe(1);
    });

    it('drops fields outside the contract unless allowed', async () => {
      await ingest(engine, { hashPii: false }, [event('e1', { shoe_size: 42, ssn: 'x' })]);
      await ingest(engine, { hashPii: false, allowExtraFields: ['shoe_size'] }, [
        event('e2', { shoe_size: 42, ssn: 'x' }),
      ]);
      await ingest(engine, { hashPii: false, allowExtraFields: true }, [
        event('e3', { shoe_size: 42, ssn: 'x' }),
      ]);
      const rows = await events(engine);
      expect(rows.map((r) => r.properties)).toEqual([
        null,
        '{"shoe_size":42}',
        '{"shoe_size":42,"ssn":"x"}',
      ]);
      const [n] = await engine.query(sql('SELECT COUNT(*) AS n FROM dead_letters'));
      expect(Number(n?.n)).toBe(0);
    });
  });
}
