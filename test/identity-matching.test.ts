import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY, DEFAULT_PRIVACY, type Config } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import type { OpenSourceFile } from '../src/pipeline/load/source-file.js';
import { explainPerson } from '../src/pipeline/identity/explain-person.js';
import { runPipeline, type RunReport } from '../src/pipeline/run-pipeline.js';
import { memoryConfig, type MemoryRows } from './support/memory-sources.js';

// prettier-ignore
const FIRST = ['olivia', 'liam', 'emma', 'noah', 'ava', 'elijah', 'sophia', 'james', 'isabella', 'lucas', 'mia', 'mason', 'amelia', 'ethan', 'harper', 'logan', 'evelyn', 'oliver', 'abigail', 'aiden', 'ella', 'jacob', 'scarlett', 'henry', 'grace', 'samuel', 'chloe', 'owen', 'lily', 'caleb'];
// prettier-ignore
const LAST = ['garcia', 'martinez', 'robinson', 'clark', 'rodriguez', 'lewis', 'walker', 'hall', 'allen', 'young', 'hernandez', 'king', 'wright', 'lopez', 'hill', 'green', 'adams', 'baker', 'nelson', 'carter', 'mitchell', 'perez', 'roberts', 'turner', 'phillips', 'campbell', 'parker', 'evans', 'edwards', 'collins'];

/** Thirty ordinary contacts, so the model has non-matches to learn from. */
function fillerContacts(): MemoryRows {
  return FIRST.map((first, i) => ({
    contact_id: `f${String(i).padStart(2, '0')}`,
    account_id: i % 2 === 0 ? 'a1' : 'a2',
    first_name: first[0]!.toUpperCase() + first.slice(1),
    last_name: LAST[i]!,
    email: `${first}.${LAST[i]!}@${i % 2 === 0 ? 'acme.example' : 'globex.example'}`,
    phone: `+1415555${String(1000 + i * 37).padStart(4, '0')}`,
  }));
}

const form = (id: string, at: string, ids: Record<string, string>, props: object) => ({
  event_id: id,
  event_type: 'form.submitted',
  occurred_at: at,
  conversation_id: `cv_${id}`,
  properties: JSON.stringify(props),
  ...ids,
});

/**
 * Leads typed into forms against CRM contacts: one with a typo in the email, one with the
 * contact's name and a phone one digit off; a lead named like two different contacts; two
 * duplicate contacts of one person; a person on no contact whose business email names an account.
 */
function matchingScenario() {
  return memoryConfig({
    accounts: {
      kind: 'accounts',
      rows: [
        { account_id: 'a1', name: 'Acme', domain: 'acme.example' },
        { account_id: 'a2', name: 'Globex', domain: 'https://www.Globex.example/' },
        { account_id: 'a3', name: 'Mailbox', domain: 'gmail.com' },
      ],
    },
    contacts: {
      kind: 'contacts',
      rows: [
        ...fillerContacts(),
        {
          contact_id: 'c1',
          account_id: 'a1',
          first_name: 'Anna',
          last_name: 'Kowalczyk',
          email: 'anna.kowalczyk@acme.example',
          phone: '+14155550101',
        },
        {
          contact_id: 'c2',
          account_id: 'a2',
          first_name: 'Bartholomew',
          last_name: 'Quigley',
          email: 'bart.quigley@globex.example',
          phone: '+14155550202',
        },
        // Two different people of one common name.
        {
          contact_id: 'c4',
          account_id: 'a1',
          first_name: 'Dana',
          last_name: 'Scott',
          email: 'dana.scott@acme.example',
          phone: '+14155550404',
        },
        {
          contact_id: 'c5',
          account_id: 'a2',
          first_name: 'Dana',
          last_name: 'Scott',
          email: 'dscott@globex.example',
          phone: '+14155550416',
        },
        // One person entered twice: a typo in the email, the same phone missing from one.
        {
          contact_id: 'c6',
          account_id: 'a2',
          first_name: 'Ximena',
          last_name: 'Thorburn',
          email: 'ximena.thorburn@globex.example',
          phone: '+14155550606',
        },
        {
          contact_id: 'c7',
          account_id: 'a2',
          first_name: 'Ximena',
          last_name: 'Thorburn',
          email: 'ximena.thorbrun@globex.example',
          phone: '+14155550607',
        },
      ],
    },
    events: {
      kind: 'conversation_events',
      rows: [
        form(
          'e1',
          '2026-01-02T10:00:00Z',
          { email: 'ana.kowalczyk@acme.example', anonymous_id: 'dev1' },
          { first_name: 'Anna', last_name: 'Kowalczyk', company: 'Acme' },
        ),
        form(
          'e2',
          '2026-01-03T10:00:00Z',
          { phone: '+14155550203', anonymous_id: 'dev2' },
          { name: 'Bartholomew Quigley', company: 'Globex' },
        ),
        form(
          'e3',
          '2026-01-04T10:00:00Z',
          { anonymous_id: 'dev3', phone: '+14155550406' },
          { first_name: 'Dana', last_name: 'Scott' },
        ),
        form(
          'e4',
          '2026-01-05T10:00:00Z',
          { email: 'zed.unknown@initech.example' },
          { form: 'demo' },
        ),
        form('e5', '2026-01-05T11:00:00Z', { email: 'someone@gmail.com' }, {}),
      ],
    },
    conversations: {
      kind: 'conversations',
      rows: [
        { conversation_id: 'cv_e1', email: 'ana.kowalczyk@acme.example' },
        { conversation_id: 'cv_e2', phone: '+14155550203' },
        { conversation_id: 'cv_e3', anonymous_id: 'dev3' },
        { conversation_id: 'cv_e4', email: 'zed.unknown@initech.example' },
        { conversation_id: 'cv_e5', email: 'someone@gmail.com' },
      ].map((c) => ({ ...c, channel: 'form', started_at: '2026-01-02T09:59:00Z' })),
    },
    opportunities: {
      kind: 'opportunities',
      rows: [
        {
          opportunity_id: 'o4',
          account_id: 'a4',
          amount: 1000,
          created_at: '2026-01-10T00:00:00Z',
        },
      ],
    },
    accounts_extra: {
      kind: 'accounts',
      rows: [{ account_id: 'a4', name: 'Initech', domain: 'initech.example' }],
    },
  });
}

describe('probabilistic matching in the identity stage', () => {
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });
  async function run(config: Config, open: OpenSourceFile): Promise<RunReport> {
    engine ??= await openEngine(config.engine);
    return runPipeline(engine, config, { open });
  }
  const query = (text: string, params: unknown[] = []) => engine!.query(sql(text, params as never));
  const personOf = async (type: string, value: string) =>
    (
      await query(
        'SELECT person_id FROM identifiers WHERE identifier_type = $1 AND identifier_value = $2',
        [type, value],
      )
    )[0]?.person_id;

  it('joins a typo email and a near phone to their contacts, refuses chains and keeps people apart', async () => {
    const { config, open } = matchingScenario();
    const report = await run(config, open);
    const edges = await query(
      "SELECT left_type, left_value, right_type, right_value, source_record, match_probability, match_levels FROM identity_edges WHERE rule = 'probabilistic' ORDER BY left_value, right_value",
    );
    // The typo email and the near phone join their contacts, with the evidence that decided it.
    expect(await personOf('email', 'ana.kowalczyk@acme.example')).toBe(
      await personOf('crm_contact_id', 'c1'),
    );
    expect(await personOf('phone', '+14155550203')).toBe(await personOf('crm_contact_id', 'c2'));
    const typo = edges.find((e) => e.right_value === 'ana.kowalczyk@acme.example');
    expect(typo).toMatchObject({ left_value: 'c1', source_record: 'contact:c1 ~ event:e1' });
    expect(Number(typo?.match_probability)).toBeGreaterThanOrEqual(0.9);
    expect(String(typo?.match_levels)).toContain('email=levenshtein<=2');
    // Duplicate contacts of one person join above the stricter threshold.
    expect(await personOf('crm_contact_id', 'c6')).toBe(await personOf('crm_contact_id', 'c7'));
    // The Dana Scott lead is like both Dana Scotts; it may join one, never both.
    const [c4, c5, lead] = await Promise.all([
      personOf('crm_contact_id', 'c4'),
      personOf('crm_contact_id', 'c5'),
      personOf('anonymous_id', 'dev3'),
    ]);
    expect(c4).not.toBe(c5);
    expect([c4, c5]).toContain(lead);
    const refused = await query(
      "SELECT left_value, right_value, reason FROM merge_audit WHERE reason LIKE 'probabilistic%'",
    );
    expect(refused).toHaveLength(1);
    // c4 and c5 score far below cannot_link_below directly: that alone stops the chain.
    expect(refused[0]?.reason).toBe('probabilistic_cannot_link');
    const [detail] = await query(
      "SELECT detail FROM merge_audit WHERE reason = 'probabilistic_cannot_link'",
    );
    expect(String(detail?.detail)).toMatch(
      /^match probability 0\.9\d+: would join crm_contact_id:c[45] and crm_contact_id:c[45], which score \S+$/,
    );
    // No person holds two contacts except the duplicates.
    const multi = await query(
      "SELECT person_id, COUNT(*) AS n FROM identifiers WHERE identifier_type = 'crm_contact_id' GROUP BY person_id HAVING COUNT(*) > 1",
    );
    expect(multi).toEqual([{ person_id: await personOf('crm_contact_id', 'c6'), n: 2 }]);
    expect(report.stages.find((s) => s.stage === 'identity')?.detail).toMatch(
      /4 probabilistic links among 39 profiles \(\d+ candidate pairs, 1 links refused\)/,
    );
  });

  it('with hash_pii, keeps no typed name or email, and compares hashed values only for equality', async () => {
    const { config, open } = matchingScenario();
    engine = await openEngine(config.engine);
    const hashed = { ...config, privacy: { ...DEFAULT_PRIVACY, hashPii: true } };
    const report = await runPipeline(engine, hashed, { open, piiSalt: 'a-long-secret' });
    const [properties] = await query(
      "SELECT STRING_AGG(properties, ' ') AS text FROM conversation_events",
    );
    const text = String(properties?.text).toLowerCase();
    for (const raw of ['anna', 'kowalczyk', 'bartholomew', 'quigley', 'dana', 'ana.kowalczyk'])
      expect(text).not.toContain(raw);
    // The full name was split and hashed as first and last name; the company stays.
    const [e2] = await query("SELECT properties FROM conversation_events WHERE event_id = 'e2'");
    const hash = expect.stringMatching(/^sha256:[0-9a-f]{64}$/) as string;
    expect(JSON.parse(String(e2?.properties))).toEqual({
      company: 'Globex',
      first_name: hash,
      last_name: hash,
    });
    // A lead's hashed name equals its contact's: names are hashed in one form wherever typed.
    const [anna] = await query(
      "SELECT c.first_name = json_extract_string(e.properties, '$.first_name') AS same FROM contacts c, conversation_events e WHERE c.contact_id = 'c1' AND e.event_id = 'e1'",
    );
    expect(anna?.same).toBe(true);
    // Blocks on hashed values stay as tight as on names (an email prefix or a first initial of
    // a hash would put everyone in one block): the Anna, Bartholomew and Ximena pairs and the
    // three Dana Scotts.
    expect(report.stages.find((s) => s.stage === 'identity')?.detail).toMatch(
      /among 39 profiles \(6 candidate pairs/,
    );
    // With the typo email and the near phone hashed, a name and a company alone are not enough
    // evidence at the 0.9 threshold: nothing joins on fuzzy evidence that is no longer there.
    const links = await query(
      "SELECT match_levels FROM identity_edges WHERE rule = 'probabilistic'",
    );
    for (const l of links) expect(String(l.match_levels)).not.toMatch(/jaro_winkler|levenshtein/);
    const [c4, c5] = await Promise.all([
      personOf('crm_contact_id', 'c4'),
      personOf('crm_contact_id', 'c5'),
    ]);
    expect(c4).not.toBe(c5);
  });

  it('places a person on the account of their business email domain, never of a free-mail one', async () => {
    const { config, open } = matchingScenario();
    await run(config, open);
    const accountOf = async (type: string, value: string) =>
      (
        await query(
          'SELECT p.account_id FROM persons p JOIN identifiers i ON i.person_id = p.person_id WHERE i.identifier_type = $1 AND i.identifier_value = $2',
          [type, value],
        )
      )[0]?.account_id;
    expect(await accountOf('email', 'zed.unknown@initech.example')).toBe('a4');
    expect(await accountOf('email', 'someone@gmail.com')).toBeNull();
    // A contact's account wins over its email's domain.
    expect(await accountOf('crm_contact_id', 'c1')).toBe('a1');
    // The account's opportunity is credited from the conversation of the person on no contact.
    const journey = await query(
      "SELECT t.conversation_id FROM journeys j JOIN touchpoints t ON t.touchpoint_id = j.touchpoint_id JOIN conversions c ON c.conversion_id = j.conversion_id WHERE c.account_id = 'a4' AND c.kind = 'opportunity_created'",
    );
    expect(journey).toEqual([{ conversation_id: 'cv_e4' }]);
    await run(
      {
        ...config,
        identity: { ...DEFAULT_IDENTITY, accounts: { emailDomains: false, freeMailDomains: [] } },
      },
      open,
    );
    expect(await accountOf('email', 'zed.unknown@initech.example')).toBeNull();
  });

  it('stores and prints the match rates of the run', async () => {
    const { config, open } = matchingScenario();
    const report = await run(config, open);
    const rates = await query(
      'SELECT rate, matched, total, share FROM identity_match_rates ORDER BY rate',
    );
    // Five form conversations: the typo lead (c1), the near phone (c2) and Dana Scott (c4 or c5)
    // reach a contact; the two leads on no contact do not. The Initech opportunity has a touch;
    // there are no orders, so that share is null.
    expect(rates).toEqual([
      { rate: 'conversations_on_contact', matched: 3, total: 5, share: 0.6 },
      { rate: 'conversions_with_touch', matched: 1, total: 1, share: 1 },
      { rate: 'orders_on_person', matched: 0, total: 0, share: null },
    ]);
    expect(report.stages.find((s) => s.stage === 'match rates')?.detail).toBe(
      'conversations on a CRM contact 60.0% (3/5), conversions with a touch 100.0% (1/1), orders on a person n/a (0/0)',
    );
  });

  it('explains a person: identifiers, the edges that joined them, refused merges', async () => {
    const { config, open } = matchingScenario();
    await run(config, open);
    const anna = String(await personOf('crm_contact_id', 'c1'));
    const e = await explainPerson(engine!, anna);
    expect(e.person).toMatchObject({ person_id: anna, account_id: 'a1', identifier_count: 5 });
    expect(
      e.identifiers.map((i) => `${String(i.identifier_type)}:${String(i.identifier_value)}`),
    ).toEqual([
      'anonymous_id:dev1',
      'crm_contact_id:c1',
      'email:ana.kowalczyk@acme.example',
      'email:anna.kowalczyk@acme.example',
      'phone:+14155550101',
    ]);
    expect(e.edges.map((x) => x.rule)).toEqual([
      'probabilistic',
      'same_record',
      'same_record',
      'same_record',
    ]);
    expect(e.edges[0]).toMatchObject({ source_record: 'contact:c1 ~ event:e1' });
    expect(e.refused).toEqual([]);
    // The Dana Scott lead's refused link shows on both sides.
    const dana = String(await personOf('anonymous_id', 'dev3'));
    const refused = (await explainPerson(engine!, dana)).refused;
    expect(refused.map((r) => r.reason)).toEqual(['probabilistic_cannot_link']);
    await expect(explainPerson(engine!, 'p_nobody')).rejects.toThrow(
      'no person p_nobody in the warehouse',
    );
  });

  it('matches nothing when matching is off', async () => {
    const { config, open } = matchingScenario();
    const identity = {
      ...DEFAULT_IDENTITY,
      matching: { ...DEFAULT_IDENTITY.matching, enabled: false },
    };
    await run({ ...config, identity }, open);
    expect(await query("SELECT * FROM identity_edges WHERE rule = 'probabilistic'")).toEqual([]);
    expect(await personOf('crm_contact_id', 'c6')).not.toBe(await personOf('crm_contact_id', 'c7'));
  });
});
