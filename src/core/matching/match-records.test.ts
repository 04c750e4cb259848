import { describe, expect, it } from 'vitest';
import { matchRecords, matchRecordsSteps, type MatchConfig } from './match-records.js';
import { scoreClusterPairs } from './pairwise-scores.js';
import { seededRandom } from './seeded-random.js';

// A type, not an interface: MatchRecord needs the index signature a type alias implies.
type Lead = {
  readonly first: string | null;
  readonly last: string | null;
  readonly email: string | null;
  readonly crm: string | null;
};

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'sa', 'to', 'vi', 'del', 'mar', 'ine', 'os', 'bru'];

/** People with 1–3 records each: a dropped or swapped letter here, a missing field there. */
function leads(seed: number): { records: Lead[]; truth: number[] } {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const name = (parts: number) => Array.from({ length: parts }, () => pick(SYLLABLES)).join('');
  const typo = (s: string) => {
    if (random() > 0.25 || s.length < 3) return s;
    const i = 1 + Math.floor(random() * (s.length - 2));
    return s.slice(0, i) + s.slice(i + 1);
  };
  const records: Lead[] = [];
  const truth: number[] = [];
  for (let p = 0; p < 120; p++) {
    const first = name(2);
    const last = name(3);
    const email = `${first}.${last}${Math.floor(random() * 1000)}@example.org`;
    const copies = 1 + Math.floor(random() * 3);
    for (let c = 0; c < copies; c++) {
      records.push({
        first: random() < 0.1 ? null : typo(first),
        last: random() < 0.1 ? null : typo(last),
        email: random() < 0.15 ? null : typo(email),
        crm: c === 0 && random() < 0.5 ? `crm-${p}` : null,
      });
      truth.push(p);
    }
  }
  return { records, truth };
}

const config: MatchConfig<Lead> = {
  comparisons: [
    {
      field: 'first',
      termFrequency: true,
      levels: [
        { kind: 'null' },
        { kind: 'exact' },
        { kind: 'jaro_winkler', threshold: 0.9 },
        { kind: 'else' },
      ],
    },
    {
      field: 'last',
      termFrequency: true,
      levels: [
        { kind: 'null' },
        { kind: 'exact' },
        { kind: 'jaro_winkler', threshold: 0.9 },
        { kind: 'else' },
      ],
    },
    {
      field: 'email',
      levels: [
        { kind: 'null' },
        { kind: 'exact' },
        { kind: 'levenshtein', max: 1 },
        { kind: 'else' },
      ],
    },
  ],
  blocking: [
    { name: 'last name prefix', key: (r) => r.last?.slice(0, 2) ?? null, fields: ['last'] },
    { name: 'first name', key: (r) => r.first, fields: ['first'] },
    // The local part of these emails spells the name: the rule conditions all three fields.
    {
      name: 'email local part',
      key: (r) => r.email?.split('@')[0] ?? null,
      fields: ['email', 'first', 'last'],
    },
  ],
  threshold: 0.8,
  cannotLinkBelow: 0.001,
  uniqueFields: [{ field: 'crm', allowAbove: 0.9999 }],
};

describe('matchRecords', () => {
  const { records, truth } = leads(21);
  const run = matchRecords(records, config);

  it('finds the people behind the records', () => {
    expect(run.em.converged).toBe(true);
    // Names alone (email missing) stay below 0.8 by design here: recall is the price of caution.
    const scores = scoreClusterPairs(run.clustering.clusterOf, truth);
    expect(scores.precision).toBeGreaterThan(0.98);
    expect(scores.f1).toBeGreaterThan(0.85);
    expect(run.candidates.length).toBeLessThan((records.length * (records.length - 1)) / 2);
  });

  it('explains every accepted link field by field', () => {
    expect(run.matches.length).toBe(run.clustering.accepted.length);
    for (const m of run.matches) {
      expect(m.probability).toBeGreaterThanOrEqual(0.8);
      expect(m.fields.map((f) => f.field)).toEqual(['first', 'last', 'email']);
      expect(m.prior + m.fields.reduce((s, f) => s + f.weight, 0)).toBeCloseTo(m.weight, 9);
    }
  });

  it('never puts two CRM contacts in one cluster', () => {
    for (const cluster of run.clustering.clusters) {
      const ids = cluster.map((r) => records[r]!.crm).filter((c) => c !== null);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('is a pure function of records and config', () => {
    const again = matchRecords(records, config);
    expect(again.model).toEqual(run.model);
    expect([...again.clustering.clusterOf]).toEqual([...run.clustering.clusterOf]);
  });

  it('pauses in steps (a server matches beside its collector) and ends with the same result', () => {
    const steps = matchRecordsSteps(records, config);
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses++;
    // Between phases (four), and every 8,192 pairs compared for u (all ~60,000 pairs here).
    expect(pauses).toBeGreaterThanOrEqual(7);
    expect(next.value.model).toEqual(run.model);
    expect([...next.value.clustering.clusterOf]).toEqual([...run.clustering.clusterOf]);
  });

  it('refuses a blocking rule that names a field no comparison uses', () => {
    const blocking = [{ name: 'phone', key: () => 'x', fields: ['phone'] }];
    expect(() => matchRecords(records, { ...config, blocking })).toThrow(/phone: phone/);
  });
});
