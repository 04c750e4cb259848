import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { parseConfig } from './load-config.js';
import { resolveEngineConfig } from './resolve-engine-config.js';

const SOURCES = 'sources: [{ name: a, kind: accounts, path: a.csv }]';
const URL = 'postgres://convrev:s3cret@db.internal:5432/analytics';

describe('choosing the engine', () => {
  it('defaults to DuckDB next to the config file', () => {
    expect(resolveEngineConfig(undefined, '/srv', {}, {})).toEqual({
      ok: true,
      engine: { kind: 'duckdb', path: '/srv/convrev.duckdb', memoryLimit: '4GB', threads: 2 },
    });
  });

  it('reads kind postgres with its URL from the file, else from CONVREV_DATABASE_URL', () => {
    const config = parseConfig(
      `engine: { kind: postgres, url: "${URL}" }\n${SOURCES}`,
      'c.yaml',
      '/srv',
    );
    expect(config.engine).toEqual({ kind: 'postgres', url: URL, schema: 'convrev' });
    const fromEnv = parseConfig(
      `engine: { kind: postgres, schema: crm }\n${SOURCES}`,
      'c.yaml',
      '/srv',
      {
        env: { CONVREV_DATABASE_URL: URL },
      },
    );
    expect(fromEnv.engine).toEqual({ kind: 'postgres', url: URL, schema: 'crm' });
  });

  it('lets flags override the file, and --database-url alone imply postgres', () => {
    const yaml = `engine: { kind: duckdb, path: w.duckdb, schema: crm }\n${SOURCES}`;
    expect(parseConfig(yaml, 'c.yaml', '/srv', { engine: { url: URL }, env: {} }).engine).toEqual({
      kind: 'postgres',
      url: URL,
      schema: 'crm',
    });
    expect(
      parseConfig(yaml, 'c.yaml', '/srv', {
        engine: { kind: 'postgres', schema: 'x' },
        env: { CONVREV_DATABASE_URL: URL },
      }).engine,
    ).toEqual({ kind: 'postgres', url: URL, schema: 'x' });
    expect(
      parseConfig(yaml, 'c.yaml', '/srv', { engine: { path: 'other.duckdb' } }).engine,
    ).toMatchObject({
      kind: 'duckdb',
      path: 'other.duckdb',
    });
  });

  it('refuses postgres without a URL, a URL that is not postgres, and contradictory flags', () => {
    const problems = (yaml: string, options = {}) => {
      try {
        parseConfig(`${yaml}\n${SOURCES}`, 'c.yaml', '/srv', { env: {}, ...options });
      } catch (error) {
        if (error instanceof ConfigError) return error.problems.map((p) => p.message).join('; ');
        throw error;
      }
      return '';
    };
    expect(problems('engine: { kind: postgres }')).toMatch(
      /engine\.url: the postgres engine needs a database URL/,
    );
    const bad = problems('engine: { kind: postgres, url: "mysql://ann:s3cret@db/x" }');
    expect(bad).toMatch(/is not a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(bad).not.toContain('s3cret');
    expect(problems('engine: { kind: postgres, schema: "1bad" }')).toMatch(/engine\.schema/);
    expect(problems('', { engine: { kind: 'postgres', path: 'x.duckdb', url: URL } })).toMatch(
      /--db names a DuckDB file/,
    );
    expect(problems('', { engine: { kind: 'duckdb', url: URL } })).toMatch(
      /--database-url needs the postgres engine/,
    );
  });
});
