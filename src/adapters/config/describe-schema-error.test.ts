import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import type { Problem } from '../../core/errors.js';
import { parseConfig } from './load-config.js';

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

describe('schema problems', () => {
  it('names an unknown property, what was meant, and the property it then lacks', () => {
    expect(
      problemsOf('sources:\n  - { name: web, kind: touchpoints, pth: t.csv }\nsourcse: []'),
    ).toEqual([
      {
        code: 'unknown_property',
        message: "top level: unknown property 'sourcse' (did you mean 'sources'?)",
      },
      { code: 'missing_property', message: "sources[0]: missing required property 'path'" },
      {
        code: 'unknown_property',
        message: "sources[0]: unknown property 'pth' (did you mean 'path'?)",
      },
    ]);
    expect(
      messages('engine: { flavour: x }\nsources: [{ name: a, kind: accounts, path: a.csv }]'),
    ).toEqual([
      "engine: unknown property 'flavour' (expected one of: kind, path, memory_limit, threads, url, schema)",
    ]);
  });

  it('names a bad kind and the kinds there are', () => {
    expect(messages('sources: [{ name: web, kind: touchpoint, path: t.csv }]')).toEqual([
      "sources[0].kind: 'touchpoint' is not one of touchpoints, conversations, conversation_events, " +
        "accounts, contacts, opportunities, orders, tickets, spend (did you mean 'touchpoints'?)",
    ]);
  });

  it('names values of the wrong type by their path', () => {
    const yaml = [
      'attribution: { lookback_days: 9000, models: [linear, linear] }',
      'sources:',
      '  - { name: a, kind: accounts, path: a.csv }',
      '  - { name: b, kind: accounts, path: b.csv }',
      '  - { name: "c d", kind: touchpoints, path: t.csv, mapping: { occurred_at: 5 } }',
    ].join('\n');
    expect(messages(yaml)).toEqual([
      'attribution.lookback_days: must be <= 3650',
      "attribution.models: lists 'linear' more than once",
      "sources[2].name: 'c d' does not match the pattern ^[A-Za-z0-9_.-]+$",
      'sources[2].mapping.occurred_at: must be a string, not 5',
    ]);
  });

  it('explains a delimiter that is not one usable character', () => {
    const yaml = [
      'sources:',
      '  - { name: a, kind: accounts, path: a.csv, delimiter: ";;" }',
      '  - { name: b, kind: accounts, path: b.csv, delimiter: "" }',
      "  - { name: c, kind: accounts, path: c.csv, delimiter: '\"' }",
    ].join('\n');
    expect(messages(yaml)).toEqual([
      "sources[0].delimiter: must be at most one character, not ';;'",
      "sources[1].delimiter: must be at least one character, not ''",
      `sources[2].delimiter: '"' does not match the pattern ^[^"\\r\\n]*$`,
    ]);
  });
});
