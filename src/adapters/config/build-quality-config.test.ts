import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIVACY } from '../../core/config/config.js';
import { ConfigError } from '../../core/errors.js';
import { DEFAULT_QUALITY } from '../../core/quality/quality-config.js';
import { parseConfig } from './load-config.js';

const SOURCES = 'sources:\n  - { name: o, kind: orders, path: o.csv }\n';
const parse = (yaml: string) => parseConfig(`${SOURCES}${yaml}`, 'convrev.yaml', '/project');

describe('the quality and privacy sections', () => {
  it('fill in defaults; a band given replaces the default band whole', () => {
    expect(parse('').quality).toBeUndefined();
    const q = parse(
      'quality:\n  null_rate: { fail: 0.2 }\n  labelled_pairs: pairs.csv\n  alerts: { webhooks: ["https://hooks.example/x"] }\n',
    ).quality;
    expect(q?.nullRate).toEqual({ warn: null, fail: 0.2 });
    expect(q?.orphanRate).toEqual(DEFAULT_QUALITY.orphanRate);
    expect(q?.labelledPairs).toBe('/project/pairs.csv');
    expect(q?.alerts).toEqual({ webhooks: ['https://hooks.example/x'], on: 'fail' });
    const p = parse('privacy:\n  without_consent: pseudonymise\n  retention_days: 400\n').privacy;
    expect(p).toEqual({
      hashPii: false,
      withoutConsent: 'pseudonymise',
      allowExtraFields: DEFAULT_PRIVACY.allowExtraFields,
      retentionDays: 400,
    });
  });

  it('refuse bad values with the path inside the config', () => {
    for (const [yaml, where] of [
      ['quality:\n  null_rate: { fail: 2 }\n', 'quality.null_rate.fail'],
      ['quality:\n  alerts: { webhooks: ["ftp://x"] }\n', 'quality.alerts.webhooks'],
      ['quality:\n  dead_letter_rates: {}\n', 'quality'],
      ['privacy:\n  without_consent: keep\n', 'privacy.without_consent'],
      ['privacy:\n  retention_days: 0\n', 'privacy.retention_days'],
    ] as const) {
      expect(() => parse(yaml)).toThrow(ConfigError);
      expect(() => parse(yaml)).toThrow(where);
    }
  });
});
