import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY, type Config } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { explainPerson } from '../src/pipeline/identity/explain-person.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { memoryConfig, type MemoryRows } from './support/memory-sources.js';

const web = (id: string, ids: Record<string, string>) => ({
  touchpoint_id: id,
  occurred_at: '2026-01-01T10:00:00Z',
  channel: 'organic',
  ...ids,
});

// A new person's id: md5 of its smallest identifier key, as earlier versions named persons.
const freshId = (type: string, value: string) =>
  `p_${createHash('md5').update(`${type}\u0001${value}`).digest('hex').slice(0, 16)}`;

describe('stable person ids across runs', () => {
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });
  const source = (rows: MemoryRows) =>
    memoryConfig({
      web: { kind: 'touchpoints', constants: { touchpoint_type: 'marketing' }, rows },
    });
  async function run(rows: MemoryRows, identity = DEFAULT_IDENTITY): Promise<void> {
    const { config, open } = source(rows);
    const c: Config = { ...config, identity };
    engine ??= await openEngine(c.engine);
    await runPipeline(engine, c, { open });
  }
  const personOf = async (type: string, value: string) =>
    (
      await engine!.query(
        sql(
          'SELECT person_id FROM identifiers WHERE identifier_type = $1 AND identifier_value = $2',
          [type, value],
        ),
      )
    )[0]?.person_id;

  it('keeps the older id when a later run merges two persons, whatever the ids sort as', async () => {
    const older = 'a@old.example';
    // A newer person whose fresh id sorts before the older one's: an id tie-break would pick it.
    let n = 0;
    while (freshId('email', `b${n}@new.example`) > freshId('email', older)) n++;
    const newer = `b${n}@new.example`;

    await run([web('t1', { email: older })]);
    const first = await personOf('email', older);
    expect(first).toBe(freshId('email', older));

    await run([web('t1', { email: older }), web('t2', { email: newer })]);
    expect(await personOf('email', older)).toBe(first);
    expect(await personOf('email', newer)).toBe(freshId('email', newer));

    // A login seen with both emails joins them: the merged person keeps the older id.
    await run([
      web('t1', { email: older }),
      web('t2', { email: newer }),
      web('t3', { email: older, user_id: 'u1' }),
      web('t4', { email: newer, user_id: 'u1' }),
    ]);
    expect(await personOf('email', newer)).toBe(first);
    expect(await personOf('user_id', 'u1')).toBe(first);
    const history = await engine!.query(
      sql(
        'SELECT person_id, first_seen, retired, merged_into FROM person_id_history ORDER BY first_seen',
      ),
    );
    expect(history).toEqual([
      { person_id: first, first_seen: 1, retired: null, merged_into: null },
      { person_id: freshId('email', newer), first_seen: 2, retired: 'merged', merged_into: first },
    ]);
    // The retired id still leads somewhere.
    await expect(explainPerson(engine!, freshId('email', newer))).rejects.toThrow(
      `person ${freshId('email', newer)} was merged into ${String(first)}`,
    );
    // Touches follow the ids.
    const touches = await engine!.query(sql('SELECT DISTINCT person_id FROM touchpoints'));
    expect(touches).toEqual([{ person_id: first }]);
  });

  it('splits deterministically: the largest part keeps the id, the rest get ids of their own', async () => {
    const kiosk = (u: string, i: number) => web(`k${i}`, { anonymous_id: 'kiosk', user_id: u });
    const rows = [
      kiosk('u1', 1),
      kiosk('u2', 2),
      kiosk('u3', 3),
      web('k4', { user_id: 'u1', email: 'u1@x.example' }),
    ];
    // A lenient config first (three per device, logins not unique): the kiosk's users are one.
    await run(rows, {
      ...DEFAULT_IDENTITY,
      uniqueTypes: ['crm_contact_id'],
      maxPersonsPerDevice: 3,
    });
    const merged = await personOf('user_id', 'u1');
    expect(await personOf('user_id', 'u3')).toBe(merged);
    // The default guard splits them; u1's part holds most of the old identifiers and keeps the id.
    await run(rows);
    expect(await personOf('user_id', 'u1')).toBe(merged);
    expect(await personOf('user_id', 'u2')).toBe(freshId('user_id', 'u2'));
    expect(await personOf('user_id', 'u3')).toBe(freshId('user_id', 'u3'));
    // The kiosk is a part of its own, named from its smallest key as the merged person was:
    // the name is taken (u1's part kept it), so the kiosk's is salted.
    expect(merged).toBe(freshId('anonymous_id', 'kiosk'));
    expect(await personOf('anonymous_id', 'kiosk')).toBe(freshId('anonymous_id', 'kiosk#1'));
    // Running again changes nothing.
    const before = await engine!.query(
      sql('SELECT * FROM identifiers ORDER BY identifier_type, identifier_value'),
    );
    await run(rows);
    expect(
      await engine!.query(
        sql('SELECT * FROM identifiers ORDER BY identifier_type, identifier_value'),
      ),
    ).toEqual(before);
  });
});
