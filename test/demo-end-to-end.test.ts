import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { generateDemoData } from '../src/adapters/demo-data/generate-demo-data.js';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { runPipeline, type RunReport } from '../src/pipeline/run-pipeline.js';

/** Invariants of the whole pipeline on the small demo: nothing dropped, nothing counted twice. */
describe('demo at small scale, end to end', () => {
  let engine: Engine;
  let report: RunReport;
  beforeAll(async () => {
    const data = await generateDemoData({
      scale: 5_000,
      seed: 11,
      outDir: join(mkdtempSync(join(tmpdir(), 'convrev-demo-')), 'data'),
    });
    const config = await loadConfig(data.configPath, {
      engine: { kind: 'duckdb', path: ':memory:' },
    });
    engine = await openEngine(config.engine);
    report = await runPipeline(engine, config, { open: openSourceFile });
  });
  afterAll(() => engine.close());

  it('credits each attributed conversion exactly once per model', async () => {
    const bad = await engine.query(
      sql(
        `SELECT model, conversion_id, SUM(fraction) AS total FROM credits GROUP BY model, conversion_id HAVING ABS(SUM(fraction) - 1) > 1e-9`,
      ),
    );
    expect(bad).toEqual([]);
    // The summary counts per value kind: each kind's attributed conversions are its own.
    const byKind = await engine.query(
      sql(
        'SELECT c.value_kind, COUNT(DISTINCT j.conversion_id) AS n FROM journeys j JOIN conversions c ON c.conversion_id = j.conversion_id GROUP BY c.value_kind',
      ),
    );
    for (const s of report.summary)
      expect(s.attributedConversions).toBe(
        Number(byKind.find((k) => k.value_kind === s.valueKind)?.n ?? 0),
      );
  });

  it('per model and value kind, credited value equals the value of attributed conversions', async () => {
    const attributed = await engine.query(
      sql(
        'SELECT value_kind, SUM(value) AS v FROM conversions WHERE conversion_id IN (SELECT conversion_id FROM journeys) GROUP BY value_kind',
      ),
    );
    const perModel = await engine.query(
      sql(
        'SELECT cr.model, c.value_kind, SUM(cr.value) AS v FROM credits cr JOIN conversions c ON c.conversion_id = cr.conversion_id GROUP BY cr.model, c.value_kind ORDER BY cr.model',
      ),
    );
    // Every model of the run, rule-based and data-driven, has credits.
    expect([...new Set(perModel.map((m) => String(m.model)))]).toEqual(
      [...new Set(report.summary.map((s) => s.model))].sort(),
    );
    expect(new Set(perModel.map((m) => m.model)).size).toBeGreaterThan(3);
    for (const m of perModel)
      expect(Number(m.v)).toBeCloseTo(
        Number(attributed.find((a) => a.value_kind === m.value_kind)?.v),
        6,
      );
  });

  it('attributed + unattributed = all conversions, in count and value', async () => {
    const kinds = await engine.query(
      sql('SELECT value_kind, COUNT(*) AS n, SUM(value) AS v FROM conversions GROUP BY value_kind'),
    );
    for (const s of report.summary) {
      const all = kinds.find((k) => k.value_kind === s.valueKind);
      expect(s.attributedConversions + s.unattributedConversions).toBe(Number(all?.n));
      expect(s.conversions).toBe(Number(all?.n));
      expect(s.attributedValue + s.unattributedValue).toBeCloseTo(Number(all?.v), 6);
      expect(s.unattributedConversions).toBeGreaterThan(0);
      expect(s.attributedConversions).toBeGreaterThan(s.unattributedConversions);
    }
  });

  it('every touch in a journey lies inside its window and belongs to the converter', async () => {
    // Touches that influenced: in their definition's window, of the converter. The converted
    // touch (the conversation the outcome carries) only has to come first.
    const outside = await engine.query(
      sql(`SELECT j.conversion_id FROM journeys j JOIN conversions c USING (conversion_id) JOIN touchpoints t USING (touchpoint_id)
JOIN conversion_definitions d ON d.name = c.definition
WHERE t.occurred_at > c.occurred_at
   OR (j.link = 'influenced' AND (
         t.occurred_at < c.occurred_at - d.lookback_days * INTERVAL 1 DAY
      OR (c.level = 'person' AND t.person_id IS DISTINCT FROM c.person_id)
      OR (c.level = 'account' AND t.account_id IS DISTINCT FROM c.account_id)))
   OR (j.link = 'converted' AND t.conversation_id IS DISTINCT FROM c.conversation_id)`),
    );
    expect(outside).toEqual([]);
  });

  it('links orders that carry only a conversation id, and gives every conversation a touch', async () => {
    const [direct] = await engine.query(
      sql('SELECT COUNT(DISTINCT conversion_id) AS n FROM journeys WHERE is_direct'),
    );
    expect(Number(direct?.n)).toBeGreaterThan(0);
    const [c] = await engine.query(
      sql(
        `SELECT (SELECT COUNT(*) FROM conversations) AS conversations, (SELECT COUNT(*) FROM touchpoints WHERE touchpoint_type = 'conversation') AS touches`,
      ),
    );
    expect(c?.touches).toBe(c?.conversations);
  });

  it('stitches cross-device people: some persons hold several anonymous ids', async () => {
    const [multi] = await engine.query(
      sql(
        `SELECT COUNT(*) AS n FROM (SELECT person_id FROM identifiers WHERE identifier_type = 'anonymous_id' GROUP BY person_id HAVING COUNT(*) > 1) x`,
      ),
    );
    expect(Number(multi?.n)).toBeGreaterThan(0);
  });
});
