import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine/engine.js';
import { connectEngine } from '../src/engine/open-engine.js';
import { migrate } from '../src/engine/schema/migrate.js';
import { MIGRATIONS } from '../src/engine/schema/migrations.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { explainConversion } from '../src/pipeline/reports/explain-conversion.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { eachEngine } from './support/each-engine.js';
import { linkScenario } from './support/link-scenario.js';

describe.each(eachEngine('conversion links'))('direct links by key on $name', (factory) => {
  let engine: Engine | undefined;
  afterEach(async () => {
    if (engine) await factory.dispose(engine);
    engine = undefined;
  });

  it('links by conversation id, then correlation id, session id, booking reference', async () => {
    engine = await factory.open();
    const { config, open } = linkScenario();
    await runPipeline(engine, config, { open });
    const rows = await engine.query(
      sql(
        'SELECT conversion_id, conversation_id, linked_by FROM conversions ORDER BY conversion_id',
      ),
    );
    expect(rows).toEqual([
      {
        conversion_id: 'opportunity_created:opp1',
        conversation_id: 'c2',
        linked_by: 'booking_reference',
      },
      { conversion_id: 'order:o1', conversation_id: 'c1', linked_by: 'correlation_id' },
      { conversion_id: 'order:o2', conversation_id: 'c1', linked_by: 'correlation_id' },
      { conversion_id: 'order:o3', conversation_id: 'c2', linked_by: 'session_id' },
      { conversion_id: 'order:o4', conversation_id: null, linked_by: null },
      { conversion_id: 'order:o5', conversation_id: 'c2', linked_by: 'conversation_id' },
    ]);
    // o1's conversation converted it (and gave it Ann); o4's key matched nothing: c1 only influenced it.
    const links = await engine.query(
      sql(`SELECT j.conversion_id, t.conversation_id, j.link FROM journeys j
JOIN touchpoints t ON t.touchpoint_id = j.touchpoint_id
WHERE j.conversion_id IN ('order:o1', 'order:o4') ORDER BY j.conversion_id, t.conversation_id`),
    );
    expect(links).toEqual([
      { conversion_id: 'order:o1', conversation_id: 'c1', link: 'converted' },
      { conversion_id: 'order:o4', conversation_id: 'c1', link: 'influenced' },
    ]);
    const explained = await explainConversion(engine, 'order:o3');
    expect(explained.conversion.linked_by).toBe('session_id');
  });
});

describe('migration 15', () => {
  it('keeps the orders of a schema-14 warehouse when migration 15 rebuilds the table', async () => {
    // A bare DuckDB (connect, no migrations), so the test takes it to schema 14 itself.
    const bare = await connectEngine({
      kind: 'duckdb',
      path: ':memory:',
      memoryLimit: '1GB',
      threads: 1,
    });
    try {
      await migrate(
        bare,
        MIGRATIONS.filter((m) => m.version <= 14),
      );
      await bare.execute(
        sql(
          "INSERT INTO orders (order_id, placed_at, amount, email, source_name, source_line) VALUES ('o9', TIMESTAMP '2026-03-01 00:00:00', 12.5, 'x@example.com', 'shop', 7)",
        ),
      );
      expect(await migrate(bare)).toEqual([15]);
      expect(
        await bare.query(
          sql('SELECT order_id, amount, email, correlation_id, source_line FROM orders'),
        ),
      ).toEqual([
        {
          order_id: 'o9',
          amount: 12.5,
          email: 'x@example.com',
          correlation_id: null,
          source_line: 7,
        },
      ]);
    } finally {
      await bare.close();
    }
  });
});
