import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { memoryConfig } from './support/memory-sources.js';

const web = (id: string, ids: Record<string, string>) => ({
  touchpoint_id: id,
  occurred_at: '2026-01-01T10:00:00Z',
  channel: 'organic',
  touchpoint_type: 'marketing',
  ...ids,
});

describe('identity stage on bad input', () => {
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });
  const query = (text: string) => engine!.query(sql(text));

  it('one email on 20,000 records with their own logins: no giant person, every refusal audited', async () => {
    const N = 20_000;
    const rows = Array.from({ length: N }, (_, i) =>
      web(`t${i}`, { email: 'info@shop.example', user_id: `u${String(i).padStart(5, '0')}` }),
    );
    const { config, open } = memoryConfig({ web: { kind: 'touchpoints', rows } });
    engine = await openEngine(config.engine);
    const report = await runPipeline(engine, config, { open });
    const [largest] = await query('SELECT size FROM identity_largest_clusters WHERE rank = 1');
    expect(largest?.size).toBe(2); // the email joins one login, the smallest key
    const [persons] = await query('SELECT COUNT(*) AS n FROM persons');
    expect(Number(persons?.n)).toBe(N);
    const [audit] = await query(
      "SELECT COUNT(*) AS n FROM merge_audit WHERE reason = 'unique_conflict'",
    );
    expect(Number(audit?.n)).toBe(N - 1);
    expect(report.stages.find((s) => s.stage === 'identity')?.detail).toMatch(
      /19999 merges refused \(19999 unique/,
    );
  });

  it('self-edges, cycles and conflicting unique ids on records', async () => {
    const { config, open } = memoryConfig({
      web: {
        kind: 'touchpoints',
        rows: [
          // A cycle a → b → c → a through three records, and a record with one identifier twice.
          web('c1', { email: 'a@x.example', phone: '+14155550001' }),
          web('c2', { phone: '+14155550001', anonymous_id: 'dev-c' }),
          web('c3', { anonymous_id: 'dev-c', email: 'a@x.example' }),
          web('s1', { email: 'self@x.example', user_id: 'self@x.example' }),
          // Two logins on one record: unique, so one of them stays apart and the refusal is audited.
          web('u1', { user_id: 'login-1', email: 'both@x.example' }),
          web('u2', { user_id: 'login-2', email: 'both@x.example' }),
        ],
      },
    });
    engine = await openEngine(config.engine);
    await runPipeline(engine, config, { open });
    const personOf = async (type: string, value: string) =>
      (
        await engine!.query(
          sql(
            'SELECT person_id FROM identifiers WHERE identifier_type = $1 AND identifier_value = $2',
            [type, value],
          ),
        )
      )[0]?.person_id;
    const cycle = await Promise.all([
      personOf('email', 'a@x.example'),
      personOf('phone', '+14155550001'),
      personOf('anonymous_id', 'dev-c'),
    ]);
    expect(new Set(cycle).size).toBe(1);
    expect(await personOf('email', 'self@x.example')).toBe(
      await personOf('user_id', 'self@x.example'),
    );
    expect(await personOf('user_id', 'login-1')).not.toBe(await personOf('user_id', 'login-2'));
    const audit = await query('SELECT reason, left_value, right_value FROM merge_audit');
    expect(audit).toEqual([
      { reason: 'unique_conflict', left_value: 'both@x.example', right_value: 'login-2' },
    ]);
  });

  it('refuses malformed emails and phones at the door, and lets junk values name nobody', async () => {
    const bad = memoryConfig({
      web: { kind: 'touchpoints', rows: [web('m1', { email: 'no-at-sign', phone: 'call me' })] },
    });
    engine = await openEngine(bad.config.engine);
    await expect(runPipeline(engine, bad.config, { open: bad.open })).rejects.toThrow(
      // Every problem of the source, one a line (run reports all of them, not only the first).
      /row 2, column email: email: no-at-sign is not an email address\n.*row 2, column phone: phone: call me: a phone number has no letters/,
    );
    const junk = memoryConfig({
      web: {
        kind: 'touchpoints',
        rows: [
          web('j1', {
            anonymous_id: '[object Object]',
            user_id: 'undefined',
            email: 'j1@x.example',
          }),
          web('j2', {
            anonymous_id: '[object Object]',
            user_id: 'undefined',
            email: 'j2@x.example',
          }),
        ],
      },
    });
    await runPipeline(engine, junk.config, { open: junk.open });
    const ids = await query('SELECT identifier_type, identifier_value FROM identifiers ORDER BY 2');
    expect(ids).toEqual([
      { identifier_type: 'email', identifier_value: 'j1@x.example' },
      { identifier_type: 'email', identifier_value: 'j2@x.example' },
    ]);
  });
});
