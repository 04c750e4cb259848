import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import type { SourceConfig } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { createIngestEnvironment } from '../src/pipeline/ingest/create-ingest-environment.js';
import { ingestFiles } from '../src/pipeline/ingest/ingest-files.js';

/* Real-export options of a file source (issue 21 item 3), on small files with hand-computed outcomes. */
const dir = mkdtempSync(join(tmpdir(), 'convrev-exports-'));
const engines: Engine[] = [];
afterAll(async () => {
  for (const e of engines) await e.close();
});

async function freshEngine(): Promise<Engine> {
  const engine = await openEngine({
    kind: 'duckdb',
    path: ':memory:',
    memoryLimit: '1GB',
    threads: 1,
  });
  engines.push(engine);
  return engine;
}

const env = createIngestEnvironment({
  ingest: { batchRows: 25, maxRecordBytes: 1_000_000, defaultCountryCode: '1' },
} as never);

function source(
  name: string,
  file: string,
  text: string,
  extra: Partial<SourceConfig>,
): SourceConfig {
  const path = join(dir, file);
  writeFileSync(path, text);
  return {
    name,
    kind: 'orders',
    path,
    format: file.endsWith('.jsonl') ? 'jsonl' : 'csv',
    mapping: {},
    constants: {},
    delimiter: ',',
    ...extra,
  };
}

describe('unmapped columns', () => {
  it('keeps the columns a CSV mapping does not name in the event properties', async () => {
    const s = source(
      'chat',
      'events.csv',
      'id,type,at,Browser,Page,props\ne1,chat.conversation.started,2026-03-10T00:00:00Z,Firefox,/pricing,"{""a"":1}"\ne2,chat.conversation.started,2026-03-10T00:01:00Z,,,\n',
      {
        kind: 'conversation_events',
        mapping: { event_id: 'id', event_type: 'type', occurred_at: 'at', properties: 'props' },
      },
    );
    const engine = await freshEngine();
    const [totals] = await ingestFiles(engine, [s], openSourceFile, env, {
      strict: true,
      batchRows: 100,
    });
    expect(totals).toMatchObject({ offered: 2, stored: 2 });
    const rows = await engine.query(
      sql('SELECT event_id, properties FROM conversation_events ORDER BY event_id'),
    );
    expect(rows).toEqual([
      { event_id: 'e1', properties: '{"a":1,"browser":"Firefox","page":"/pricing"}' },
      // Empty cells are absent values, not properties.
      { event_id: 'e2', properties: null },
    ]);
  });

  it('keeps the top-level fields a JSONL mapping does not name, nested values as they are', async () => {
    const s = source(
      'chat',
      'events.jsonl',
      [
        {
          event_id: 'e1',
          event_type: 'chat.conversation.started',
          occurred_at: '2026-03-10T00:00:00Z',
          plan: 'pro',
          cart: { items: 2 },
        },
        {
          event_id: 'e2',
          event_type: 'chat.conversation.started',
          occurred_at: '2026-03-10T00:01:00Z',
          properties: { utm: 'x' },
          seats: 3,
        },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
      { kind: 'conversation_events' },
    );
    const engine = await freshEngine();
    await ingestFiles(engine, [s], openSourceFile, env, { strict: true, batchRows: 100 });
    const rows = await engine.query(
      sql('SELECT event_id, properties FROM conversation_events ORDER BY event_id'),
    );
    expect(rows).toEqual([
      { event_id: 'e1', properties: '{"cart":{"items":2},"plan":"pro"}' },
      { event_id: 'e2', properties: '{"seats":3,"utm":"x"}' },
    ]);
  });
});
