import { afterEach, describe, expect, it } from 'vitest';
import { buildIdentitySection } from '../src/adapters/config/build-identity-config.js';
import { checkConfigSchema } from '../src/adapters/config/config-schema.js';
import { DEFAULT_IDENTITY, type Config } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import type { OpenSourceFile } from '../src/pipeline/load/source-file.js';
import { runPipeline, type RunReport } from '../src/pipeline/run-pipeline.js';
import { b2bScenario } from './support/b2b-scenario.js';
import { memoryConfig } from './support/memory-sources.js';

const web = (id: string, at: string, ids: Record<string, string>) => ({
  touchpoint_id: id,
  occurred_at: at,
  channel: 'organic',
  ...ids,
});

/**
 * A kiosk browser (one anonymous id) used by three people who each log in; two CRM contacts
 * sharing one email; four people whose records carry junk values (null, test@test.com, 0).
 */
function guardScenario() {
  return memoryConfig({
    contacts: {
      kind: 'contacts',
      rows: [
        { contact_id: 'c1', email: 'office@shared.example' },
        { contact_id: 'c2', email: 'office@shared.example' },
      ],
    },
    web: {
      kind: 'touchpoints',
      constants: { touchpoint_type: 'marketing' },
      rows: [
        web('k1', '2026-01-01T10:00:00Z', { anonymous_id: 'kiosk', user_id: 'u1' }),
        web('k2', '2026-01-02T10:00:00Z', { anonymous_id: 'kiosk', user_id: 'u2' }),
        web('k3', '2026-01-03T10:00:00Z', { anonymous_id: 'kiosk', user_id: 'u3' }),
        web('k4', '2026-01-04T10:00:00Z', { anonymous_id: 'kiosk' }),
        web('j1', '2026-01-05T10:00:00Z', { user_id: 'j1', email: 'null' }),
        web('j2', '2026-01-05T11:00:00Z', { user_id: 'j2', email: 'NULL' }),
        web('j3', '2026-01-05T12:00:00Z', { user_id: 'j3', email: 'test@test.com' }),
        web('j4', '2026-01-05T13:00:00Z', { user_id: 'j4', email: 'Test@Test.com' }),
        web('j5', '2026-01-05T14:00:00Z', { user_id: 'j5', anonymous_id: '0' }),
        web('j6', '2026-01-05T15:00:00Z', { user_id: 'j6', anonymous_id: '0' }),
      ],
    },
  });
}

describe('identity stitching under the over-merge guards', () => {
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  async function run(config: Config, open: OpenSourceFile): Promise<RunReport> {
    engine = await openEngine(config.engine);
    return runPipeline(engine, config, { open });
  }
  const query = (text: string) => engine!.query(sql(text));
  const personOf = async (type: string, value: string) => {
    const rows = await engine!.query(
      sql(
        'SELECT person_id FROM identifiers WHERE identifier_type = $1 AND identifier_value = $2',
        [type, value],
      ),
    );
    return rows.map((r) => r.person_id);
  };

  it('keeps the people of a shared device apart, refuses a second contact id, ignores junk', async () => {
    const { config, open } = guardScenario();
    const report = await run(config, open);

    // Three logged-in people on one kiosk stay three persons; the kiosk is a person of its own.
    const users = await Promise.all(['u1', 'u2', 'u3'].map((u) => personOf('user_id', u)));
    expect(new Set(users.flat()).size).toBe(3);
    const [kiosk] = await personOf('anonymous_id', 'kiosk');
    expect(users.flat()).not.toContain(kiosk);
    const shared = await query(
      "SELECT left_type, left_value, right_type, right_value, detail FROM merge_audit WHERE reason = 'shared_device' ORDER BY right_value",
    );
    expect(shared.map((r) => [r.left_value, r.right_value])).toEqual([
      ['kiosk', 'u1'],
      ['kiosk', 'u2'],
      ['kiosk', 'u3'],
    ]);
    expect(String(shared[0]?.detail)).toContain('anonymous_id');
    // A touch logged in on the kiosk belongs to the user, not to the kiosk.
    const [k2] = await query("SELECT person_id FROM touchpoints WHERE touchpoint_id = 'k2'");
    expect(k2?.person_id).toEqual(users[1]?.[0]);

    // Two contact ids never share a person; the refusal is audited with its record.
    const [c1] = await personOf('crm_contact_id', 'c1');
    const [c2] = await personOf('crm_contact_id', 'c2');
    expect(c1).not.toEqual(c2);
    const mixed = await query(
      "SELECT person_id FROM identifiers WHERE identifier_type = 'crm_contact_id' GROUP BY person_id HAVING COUNT(*) > 1",
    );
    expect(mixed).toEqual([]);
    const unique = await query(
      "SELECT left_type, left_value, right_type, right_value, source_record FROM merge_audit WHERE reason = 'unique_conflict'",
    );
    expect(unique).toHaveLength(1);
    expect(unique[0]?.left_type).toBe('crm_contact_id');
    expect(unique[0]?.right_value).toBe('office@shared.example');
    expect(String(unique[0]?.source_record)).toMatch(/^contact:c[12]$/);

    // Junk values merge nobody and name nobody.
    const junk = await Promise.all(
      ['j1', 'j2', 'j3', 'j4', 'j5', 'j6'].map((u) => personOf('user_id', u)),
    );
    expect(new Set(junk.flat()).size).toBe(6);
    const junkIds = await query(
      "SELECT identifier_value FROM identifiers WHERE identifier_value IN ('null', 'test@test.com', '0')",
    );
    expect(junkIds).toEqual([]);

    // Sizes and the stage's line.
    const largest = await query('SELECT rank, person_id, size FROM identity_largest_clusters');
    expect(largest[0]).toMatchObject({ rank: 1, size: 2 });
    const sizes = await query('SELECT size, persons FROM identity_cluster_sizes ORDER BY size');
    const persons = await query('SELECT COUNT(*) AS n FROM persons');
    expect(sizes.reduce((n, r) => n + Number(r.persons), 0)).toBe(Number(persons[0]?.n));
    const identity = report.stages.find((s) => s.stage === 'identity');
    expect(identity?.detail).toMatch(
      /4 merges refused \(1 unique, 0 over limit, 3 shared device\)/,
    );
    expect(identity?.detail).toMatch(/1 shared devices/);
    expect(identity?.detail).toMatch(/largest person 2 identifiers/);
  });

  it('merges the kiosk people when the config allows it (three per device, logins not unique)', async () => {
    const { config, open } = guardScenario();
    const identity = {
      ...DEFAULT_IDENTITY,
      uniqueTypes: ['crm_contact_id'],
      maxPersonsPerDevice: 3,
    };
    await run({ ...config, identity }, open);
    const users = await Promise.all(['u1', 'u2', 'u3'].map((u) => personOf('user_id', u)));
    expect(new Set(users.flat()).size).toBe(1);
    expect(await query("SELECT * FROM merge_audit WHERE reason = 'shared_device'")).toEqual([]);
  });

  it('refuses nothing on the hand-computed B2B scenario', async () => {
    const { config, open } = b2bScenario();
    await run(config, open);
    expect(await query('SELECT * FROM merge_audit')).toEqual([]);
  });
});

describe('the identity section of the config', () => {
  it('is checked by the schema and built with defaults', () => {
    const sources = [{ name: 's', kind: 'orders', path: 'o.csv' }];
    const ok = checkConfigSchema({
      sources,
      identity: { max_persons_per_device: 4, junk_values: ['n.a.'] },
    });
    expect(ok.ok).toBe(true);
    expect(checkConfigSchema({ sources, identity: { max_persons: 4 } }).ok).toBe(false);
    expect(checkConfigSchema({ sources, identity: { unique_types: ['login'] } }).ok).toBe(false);
    expect(
      buildIdentitySection({ identity: { max_persons_per_device: 4, junk_values: ['n.a.'] } }),
    ).toEqual({
      identity: { ...DEFAULT_IDENTITY, maxPersonsPerDevice: 4, junkValues: ['n.a.'] },
    });
    expect(buildIdentitySection({})).toEqual({});
  });
});
