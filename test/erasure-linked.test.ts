import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine/engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { erasePerson } from '../src/pipeline/privacy/erase-person.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { eachEngine, traces } from './support/each-engine.js';
import { memoryConfig } from './support/memory-sources.js';

/**
 * One human the identity stage splits in two: their email sits on two CRM contacts, and one
 * person holds at most one CRM id, so the second contact's edge is refused. A bystander shares
 * nothing with them.
 */
function world() {
  return memoryConfig({
    contacts: {
      kind: 'contacts',
      rows: [
        { contact_id: 'crm-1', email: 'twin@x.example' },
        { contact_id: 'crm-2', email: 'twin@x.example' },
        { contact_id: 'crm-3', email: 'other@x.example' },
      ],
    },
    touches: {
      kind: 'touchpoints',
      constants: { touchpoint_type: 'marketing' },
      rows: [
        {
          touchpoint_id: 't1',
          occurred_at: '2026-03-01T00:00:00Z',
          channel: 'email',
          crm_contact_id: 'crm-1',
        },
        {
          touchpoint_id: 't2',
          occurred_at: '2026-03-02T00:00:00Z',
          channel: 'webinar',
          crm_contact_id: 'crm-2',
          user_id: 'u-2',
        },
        {
          touchpoint_id: 't3',
          occurred_at: '2026-03-02T00:00:00Z',
          channel: 'webinar',
          crm_contact_id: 'crm-3',
        },
      ],
    },
  });
}

const personOf = async (engine: Engine, value: string) =>
  (
    await engine.query(
      sql('SELECT person_id FROM identifiers WHERE identifier_value = $1', [value]),
    )
  )[0]?.person_id;

for (const factory of eachEngine('erasure-linked')) {
  describe(`erase --linked on ${factory.name}`, () => {
    let engine: Engine;
    beforeEach(async () => {
      engine = await factory.open();
    });
    afterEach(() => factory.dispose(engine));

    it('shows every person a record links to the identifier, erases them only when asked, and audits them', async () => {
      const { config, open } = world();
      await runPipeline(engine, config, { open });
      const [own, split] = [await personOf(engine, 'crm-1'), await personOf(engine, 'crm-2')];
      expect(own).toBe(await personOf(engine, 'twin@x.example'));
      expect(split).toBeDefined();
      expect(split).not.toBe(own);

      const dry = await erasePerson(engine, 'email:twin@x.example', {
        config,
        requestedBy: 'dpo',
        dryRun: true,
      });
      expect(dry.persons).toBe(1);
      expect(dry.linked).toEqual([
        { personId: String(split), identifierTypes: ['crm_contact_id', 'user_id'], erased: false },
      ]);
      const dryLinked = await erasePerson(engine, 'email:twin@x.example', {
        config,
        requestedBy: 'dpo',
        dryRun: true,
        linked: true,
      });
      expect(dryLinked.persons).toBe(2);
      expect(dryLinked.rowsDeleted).toBeGreaterThan(dry.rowsDeleted);
      expect(await traces(engine, ['crm-2', 'u-2', 'twin@x.example'])).not.toEqual([]);

      const report = await erasePerson(engine, 'email:twin@x.example', {
        config,
        requestedBy: 'dpo',
        linked: true,
      });
      expect(report.linked.map((l) => l.erased)).toEqual([true]);
      expect(await traces(engine, ['crm-1', 'crm-2', 'u-2', 'twin@x.example'])).toEqual([]);
      expect(await personOf(engine, 'crm-3')).toBeDefined();
      const [audit] = await engine.query(sql('SELECT linked_persons FROM erasure_audit'));
      expect(JSON.parse(String(audit?.linked_persons))).toEqual([
        { person_id: String(split), identifier_types: ['crm_contact_id', 'user_id'], erased: true },
      ]);

      // Their tombstones keep both halves out.
      await runPipeline(engine, config, { open });
      expect(await traces(engine, ['crm-1', 'crm-2', 'u-2', 'twin@x.example'])).toEqual([]);
    });

    it('without --linked leaves the other half and says so in the audit', async () => {
      const { config, open } = world();
      await runPipeline(engine, config, { open });
      const split = await personOf(engine, 'crm-2');
      await erasePerson(engine, ['email:twin@x.example'], { config, requestedBy: 'dpo' });
      const [audit] = await engine.query(sql('SELECT linked_persons FROM erasure_audit'));
      expect(JSON.parse(String(audit?.linked_persons))).toEqual([
        {
          person_id: String(split),
          identifier_types: ['crm_contact_id', 'user_id'],
          erased: false,
        },
      ]);
      expect(await traces(engine, ['crm-1', 'twin@x.example'])).toEqual([]);
    });
  });
}
