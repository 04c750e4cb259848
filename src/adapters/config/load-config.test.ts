import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortFormDefinition } from '../../core/attribution/conversion-definition.js';
import { DEFAULT_ATTRIBUTION } from '../../core/config/config.js';
import { ConfigError } from '../../core/errors.js';
import type { Problem } from '../../core/errors.js';
import { loadConfig, parseConfig, validateConfigObject } from './load-config.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convrev-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The problems of the ConfigError that parsing `yaml` throws. */
function problemsOf(yaml: string): readonly Problem[] {
  try {
    parseConfig(yaml, 'convrev.yaml', '/project');
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const messages = (yaml: string): string[] => problemsOf(yaml).map((p) => p.message);

describe('loadConfig', () => {
  it('fills in defaults, infers formats and resolves paths against the config folder', async () => {
    const project = join(dir, 'project');
    await mkdir(project);
    const file = join(project, 'convrev.yaml');
    await writeFile(
      file,
      [
        'sources:',
        '  - name: web',
        '    kind: touchpoints',
        '    path: data/touches.CSV',
        '    mapping: { occurred_at: Touch Date, touchpoint_id: ID }',
        '    constants: { touchpoint_type: marketing }',
        '  - name: ads',
        '    kind: spend',
        '    path: ../spend.tsv',
        '  - name: chat',
        '    kind: conversation_events',
        '    path: events.ndjson',
        '  - name: shop',
        '    kind: orders',
        '    path: /data/orders.bin',
        '    format: parquet',
        '    constants: { currency: EUR, amount: 0 }',
      ].join('\n'),
    );
    const config = await loadConfig(file);
    expect(config).toEqual({
      engine: {
        kind: 'duckdb',
        path: join(project, 'convrev.duckdb'),
        memoryLimit: '4GB',
        threads: 2,
      },
      attribution: DEFAULT_ATTRIBUTION,
      sources: [
        {
          name: 'web',
          kind: 'touchpoints',
          path: join(project, 'data', 'touches.CSV'),
          format: 'csv',
          mapping: { occurred_at: 'Touch Date', touchpoint_id: 'ID' },
          constants: { touchpoint_type: 'marketing' },
          delimiter: ',',
        },
        {
          name: 'ads',
          kind: 'spend',
          path: join(dir, 'spend.tsv'),
          format: 'csv',
          mapping: {},
          constants: {},
          delimiter: '\t',
        },
        {
          name: 'chat',
          kind: 'conversation_events',
          path: join(project, 'events.ndjson'),
          format: 'jsonl',
          mapping: {},
          constants: {},
          delimiter: ',',
        },
        {
          name: 'shop',
          kind: 'orders',
          path: '/data/orders.bin',
          format: 'parquet',
          mapping: {},
          constants: { currency: 'EUR', amount: 0 },
          delimiter: ',',
        },
      ],
    });
  });

  it('reads engine and attribution settings into camelCase and keeps :memory:', () => {
    const config = parseConfig(
      [
        'engine: { kind: duckdb, path: ":memory:", memory_limit: 512MB, threads: 4 }',
        'attribution: { lookback_days: 30, models: [linear], conversions: [closed_won, order] }',
        'sources: [{ name: crm.deals, kind: opportunities, path: deals.csv, delimiter: ";" }]',
      ].join('\n'),
      'inline.yaml',
      '/srv/convrev',
    );
    expect(config.engine).toEqual({
      kind: 'duckdb',
      path: ':memory:',
      memoryLimit: '512MB',
      threads: 4,
    });
    expect(config.attribution).toEqual({
      lookbackDays: 30,
      models: [{ name: 'linear', spec: { kind: 'linear' } }],
      conversions: [shortFormDefinition('closed_won', 30), shortFormDefinition('order', 30)],
    });
    expect(config.sources[0]?.path).toBe('/srv/convrev/deals.csv');
    expect(config.sources[0]?.delimiter).toBe(';');
    expect(
      parseConfig(
        'engine: { path: wh/db.duckdb }\nsources: [{ name: a, kind: accounts, path: a.csv }]',
        'x.yaml',
        '/srv',
      ).engine,
    ).toMatchObject({ kind: 'duckdb', path: '/srv/wh/db.duckdb' });
  });

  it('reports a missing config file with the code file_not_found', async () => {
    const file = join(dir, 'nope.yaml');
    const error: unknown = await loadConfig(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).file).toBe(file);
    expect((error as ConfigError).problems).toEqual([
      { code: 'file_not_found', message: 'the config file does not exist' },
    ]);
    expect((error as ConfigError).message).toBe(`config ${file}: the config file does not exist`);
  });
});

describe('config problems', () => {
  it('names the line of a YAML syntax error', () => {
    expect(problemsOf('sources:\n  - name: web\n   kind: touchpoints\n')).toEqual([
      {
        code: 'yaml_syntax',
        message: 'YAML syntax error at line 3, column 1: Sequence item without - indicator',
      },
    ]);
    expect(messages('a: 1\na: 2\n')).toEqual([
      'YAML syntax error at line 2, column 1: Map keys must be unique',
    ]);
  });

  it('refuses an empty config and a config that is not a mapping', () => {
    expect(problemsOf('# nothing yet\n')).toEqual([
      { code: 'empty_config', message: 'the config is empty; it needs at least a sources list' },
    ]);
    expect(messages('- sources')).toEqual(['top level: must be a mapping, not a list']);
  });

  it('validates an object without throwing', () => {
    expect(
      validateConfigObject({ sources: [{ name: 'a', kind: 'accounts', path: 'a.csv' }] }),
    ).toEqual([]);
    expect(
      validateConfigObject({
        sources: [{ name: 'a', kind: 'accounts', path: 'a.csv', format: 'xlsx' }],
      }),
    ).toEqual([
      {
        code: 'invalid_value',
        message: "sources[0].format: 'xlsx' is not one of csv, jsonl, parquet",
      },
    ]);
  });
});
