import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_DEFINITIONS,
  DEAL_OUTCOMES,
} from '../../core/metrics/conversion-definitions.js';
import { DEFAULT_METRICS, metricsConfigOf } from '../../core/metrics/metrics-config.js';
import { ConfigError, type Problem } from '../../core/errors.js';
import { readConfigSchema } from './config-schema.js';
import { parseConfig } from './load-config.js';

const SOURCES = 'sources: [{ name: web, kind: touchpoints, path: t.csv }]';
const parse = (metrics: string) =>
  parseConfig(`${SOURCES}\nmetrics: ${metrics}`, 'convrev.yaml', '/project', {
    engine: { kind: 'duckdb', path: ':memory:' },
  });

function problemsOf(metrics: string): readonly Problem[] {
  try {
    parse(metrics);
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the metrics section of the config', () => {
  it('is optional: without it every setting is the documented default', () => {
    const config = parseConfig(SOURCES, 'convrev.yaml', '/project', {
      engine: { kind: 'duckdb', path: ':memory:' },
    });
    expect(config.metrics).toBeUndefined();
    expect(metricsConfigOf(config)).toBe(DEFAULT_METRICS);
  });

  it('maps snake_case keys, keeps defaults for the rest and merges benchmarks over the defaults', () => {
    const m = parse(
      '{ agent_cost_per_ticket: 12.5, lead_close_rate: auto, retention_save_rate: 0, ' +
        'conversion: { outcome: closed_won, timing_windows: [14] }, paths: { sankey_depth: 3 }, ' +
        'benchmarks: { my_shop: { low: 1, average: 2, high: 3, top: 4 } } }',
    ).metrics;
    expect(m).toMatchObject({
      agentCostPerTicket: 12.5,
      leadCloseRate: 'auto',
      averageDealValue: 'auto',
      retentionSaveRate: 0,
      conversion: { definition: 'any', outcome: 'closed_won', windowDays: 90, timingWindows: [14] },
      paths: { top: 20, sankeyDepth: 3 },
      minCohortSize: 30,
    });
    expect(m?.benchmarks.my_shop).toEqual({ low: 1, average: 2, high: 3, top: 4 });
    expect(m?.benchmarks.b2b_saas).toEqual(DEFAULT_METRICS.benchmarks.b2b_saas);
  });

  it('refuses values out of range, unknown keys and unordered benchmark ranges', () => {
    expect(
      problemsOf('{ retention_save_rate: 2 }')
        .map((p) => p.message)
        .join(' '),
    ).toMatch(/metrics\.retention_save_rate/);
    expect(problemsOf('{ confidence: 0.9 }')[0]?.code).toBe('unknown_property');
    expect(problemsOf('{ conversion: { outcome: won } }')[0]?.message).toMatch(
      /metrics\.conversion\.outcome/,
    );
    expect(problemsOf('{ benchmarks: { x: { low: 5, average: 1, high: 6, top: 7 } } }')).toEqual([
      {
        code: 'invalid_value',
        message: 'metrics.benchmarks.x: must satisfy low ≤ average ≤ high ≤ top',
      },
    ]);
  });

  it('lists exactly the conversation definitions and outcomes of the core', () => {
    const schema = readConfigSchema() as {
      properties: {
        metrics: {
          properties: { conversion: { properties: Record<string, { enum?: string[] }> } };
        };
      };
    };
    const conversion = schema.properties.metrics.properties.conversion.properties;
    expect(conversion.definition?.enum).toEqual([...CONVERSATION_DEFINITIONS]);
    expect(conversion.outcome?.enum).toEqual([...DEAL_OUTCOMES]);
  });
});
