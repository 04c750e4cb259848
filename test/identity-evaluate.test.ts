import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { evaluateWarehouse } from '../src/pipeline/identity/evaluate-identity.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { memoryConfig } from './support/memory-sources.js';
import { runCli } from './support/run-cli.js';

const fake1000 = join(
  import.meta.dirname,
  '..',
  '..',
  'shared',
  'fixtures',
  'identity',
  'fake_1000.csv',
);

describe('identity evaluate', () => {
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  it('scores the warehouse persons against a truth file (hand-computed)', async () => {
    const web = (id: string, ids: Record<string, string>) => ({
      touchpoint_id: id,
      occurred_at: '2026-01-01T10:00:00Z',
      channel: 'organic',
      touchpoint_type: 'marketing',
      ...ids,
    });
    const { config, open } = memoryConfig({
      web: {
        kind: 'touchpoints',
        rows: [
          web('t1', { email: 'a@x.example', anonymous_id: 'd1' }),
          web('t2', { email: 'b@x.example' }),
          web('t3', { email: 'c@x.example', anonymous_id: 'd3' }),
        ],
      },
    });
    engine = await openEngine(config.engine);
    await runPipeline(engine, config, { open });
    // Truth: a, d1 and b are one person (the warehouse missed b); c and d3 two (it merged them);
    // e is not in the warehouse. Predicted {a,d1} {b} {c,d3} {e}; true {a,d1,b} {c} {d3} {e}.
    const truth = [
      ['email', 'A@x.example', 'P1'],
      ['anonymous_id', 'd1', 'P1'],
      ['email', 'b@x.example', 'P1'],
      ['email', 'c@x.example', 'P2'],
      ['anonymous_id', 'd3', 'P3'],
      ['email', 'e@x.example', 'P4'],
      ['email', 'c@x.example', 'P9'],
    ].map(([identifier_type, identifier_value, person_key]) => ({
      identifier_type,
      identifier_value,
      person_key,
    }));
    const e = await evaluateWarehouse(engine, truth, {
      truthColumn: 'person_key',
      typeColumn: 'identifier_type',
      valueColumn: 'identifier_value',
    });
    // Predicted pairs: (a,d1) true, (c,d3) false; true pairs: ab, ad1, bd1 → TP 1, FP 1, FN 2.
    expect(e.pairwise).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 2 });
    expect(e.pairwise.precision).toBe(0.5);
    expect(e.pairwise.recall).toBeCloseTo(1 / 3, 12);
    expect(e).toMatchObject({
      records: 6,
      predictedClusters: 4,
      trueClusters: 4,
      largestPredicted: 2,
      largestTrue: 3,
    });
    // Exact clusters: only {e} is right.
    expect(e.cluster.truePositives).toBe(1);
    expect(e.notes).toEqual([
      '6 identifiers scored',
      '1 not in the warehouse (each counted as a person of its own)',
      '1 listed under two true persons (first label kept)',
    ]);
  });

  it.skipIf(!existsSync(fake1000))(
    'matches fake_1000 from the command line: cluster F1 >= 0.90, no cluster over twice the largest true one',
    () => {
      const r = runCli([
        'identity',
        'evaluate',
        '--records',
        fake1000,
        '--id',
        'unique_id',
        '--truth-column',
        'cluster',
        '--format',
        'json',
      ]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const e = JSON.parse(r.stdout) as {
        pairwise: { f1: number };
        largestPredicted: number;
        largestTrue: number;
        records: number;
      };
      expect(e.records).toBe(1000);
      expect(e.pairwise.f1).toBeGreaterThanOrEqual(0.9);
      expect(e.largestPredicted).toBeLessThanOrEqual(2 * e.largestTrue);
    },
  );

  it('refuses bad input with one line and exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convrev-eval-'));
    const file = join(dir, 'people.csv');
    writeFileSync(file, 'id,first_name,surname,cluster\n1,ann,lee,a\n1,ann,lee,a\n');
    const twice = runCli(['identity', 'evaluate', '--records', file]);
    expect(twice.status).toBe(2);
    expect(twice.stderr.trim()).toMatch(/row 3: id 1 appears twice/);
    expect(twice.stderr.trim().split('\n')).toHaveLength(1);
    const column = runCli(['identity', 'evaluate', '--records', file, '--truth-column', 'person']);
    expect(column.status).toBe(2);
    expect(column.stderr).toMatch(/truth column "person" is not in the file/);
    const neither = runCli(['identity', 'evaluate']);
    expect(neither.status).toBe(2);
    expect(neither.stderr).toMatch(/give one of --truth FILE or --records FILE/);
  });
});
