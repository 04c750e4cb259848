import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { parseConfig } from './load-config.js';

const SOURCES = 'sources:\n  - { name: chats, kind: conversations, path: c.csv }\n';
const parse = (extra: string) =>
  parseConfig(`${extra}\n${SOURCES}`, 'convrev.yaml', '/base', { env: {} });

describe('schedule, publish and watch', () => {
  it('reads an interval, a cron expression, the publish folder and the watch', () => {
    const config = parse(
      'schedule: 15m\npublish: { dir: ./out }\nwatch: { every: 30s, run_lag_minutes: { fail: 60 } }',
    );
    expect(config.schedule).toMatchObject({ kind: 'interval', ms: 900_000 });
    expect(config.publish).toEqual({ dir: '/base/out' });
    expect(config.watch).toEqual({ everyMs: 30_000, runLagMinutes: { warn: null, fail: 60 } });
    expect(parse("schedule: '0 2 * * *'").schedule).toMatchObject({ kind: 'cron' });
    expect(parse('').schedule).toBeUndefined();
  });

  it('refuses a schedule that does not parse, naming the field', () => {
    expect(() => parse('schedule: every hour')).toThrow(ConfigError);
    expect(() => parse('schedule: every hour')).toThrow(
      /schedule: "every hour" is neither an interval/,
    );
    expect(() => parse("schedule: '61 * * * *'")).toThrow(/schedule: cron minute "61"/);
    expect(() => parse("watch: { every: '* * * * *' }")).toThrow(/watch\.every: give an interval/);
  });
});
