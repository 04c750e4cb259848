import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/adapters/config/load-config.js';
import { openSourceFile } from '../../src/adapters/files/open-source-file.js';
import type { Config } from '../../src/core/config/config.js';
import { openEngine } from '../../src/engine/open-engine.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import {
  dropSchema,
  freshSchemaName,
  postgresUrlForTests,
} from '../support/postgres-test-server.js';
import { HOSTILE_VALUES } from '../support/hostile-values.js';
import { demoWarehouse, serveWarehouse } from '../support/server-harness.js';

const url = postgresUrlForTests('the read API on PostgreSQL');

// Every read route answers the same JSON on both engines (dead letters and freshness carry
// ingest times, so those are compared by shape).
const SAME = [
  '/v1/overview?model=linear',
  '/v1/reports/rpc?by=channel',
  '/v1/reports/conversion',
  '/v1/reports/conversation-economics?model=linear&limit=20',
  '/v1/conversations?model=linear&channel=chat&from=2025-03-01&to=2025-09-30&limit=50',
  '/v1/credits?model=linear&channel=email&from=2025-03-01&to=2025-09-30&limit=50&cursor=10',
];

/** Numbers to 12 significant digits: past that, doubles carry summation order, not meaning. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toPrecision(12));
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

describe.skipIf(url === null)('the read API on PostgreSQL and DuckDB', () => {
  const schema = freshSchemaName();
  let duck: Config;
  let pg: Config;

  beforeAll(async () => {
    const warehouse = await demoWarehouse(1_500);
    duck = warehouse.config;
    pg = await loadConfig(join(warehouse.dir, 'data', 'convrev.yaml'), {
      engine: { kind: 'postgres', url: url ?? '', schema },
    });
    const engine = await openEngine(pg.engine);
    try {
      await runPipeline(engine, pg, { open: openSourceFile, version: 'test' });
    } finally {
      await engine.close();
    }
  });
  afterAll(() => dropSchema(url ?? '', schema));

  it('answers the same JSON on both engines', async () => {
    const answers = async (config: Config) => {
      const s = await serveWarehouse(config);
      try {
        const out: Record<string, unknown> = {};
        for (const path of [...SAME, '/v1/dead-letters', '/v1/quality', '/metrics']) {
          const r = await s.server.app.inject({
            url: path,
            headers: { authorization: `Bearer ${s.keys.read}` },
          });
          expect(r.statusCode, `${config.engine.kind} ${path}: ${r.body.slice(0, 300)}`).toBe(200);
          out[path] = path === '/metrics' ? r.body : JSON.parse(r.body);
        }
        return out;
      } finally {
        await s.close();
      }
    };
    const a = await answers(duck);
    const b = await answers(pg);
    for (const path of SAME) expect(rounded(b[path]), path).toEqual(rounded(a[path]));
    expect((b['/v1/quality'] as { matchRate: number }).matchRate).toBe(
      (a['/v1/quality'] as { matchRate: number }).matchRate,
    );
    for (const path of SAME.slice(3))
      expect((a[path] as { rows: unknown[] }).rows.length, path).toBeGreaterThan(0);
    expect(String(b['/metrics'])).toContain('convrev_touchpoint_match_rate');
  });

  it('takes hostile filter values on PostgreSQL as values or refuses them: never a 500', async () => {
    const s = await serveWarehouse(pg);
    try {
      const paths = ['/v1/conversations', '/v1/credits', '/v1/reports/rpc', '/v1/overview'];
      for (const path of paths)
        for (const param of ['channel', 'segment', 'conversation_type'])
          for (const value of [...HOSTILE_VALUES, String.fromCharCode(0), 'tab\tline']) {
            const r = await s.server.app.inject({
              url: `${path}?${param}=${encodeURIComponent(value)}`,
              headers: { authorization: `Bearer ${s.keys.read}` },
            });
            const where = `${path} ${param}=${JSON.stringify(value.slice(0, 20))}: ${r.body.slice(0, 200)}`;
            expect([200, 400], where).toContain(r.statusCode);
            if (r.statusCode === 200 && path.startsWith('/v1/c'))
              expect((JSON.parse(r.body) as { rows: unknown[] }).rows, where).toEqual([]);
          }
    } finally {
      await s.close();
    }
  });
});
