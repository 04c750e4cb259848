import { describe, expect, it } from 'vitest';
import { identifierKey as key } from '../../core/identity/identifier-key.js';
import { IdentityGraph } from '../../core/identity/identity-graph.js';
import { DEFAULT_STITCH_GUARDS } from '../../core/identity/stitch-guards.js';
import { joinMatchedPersons } from './join-matched-persons.js';
import type { ProbabilisticLink } from './match-persons.js';

const GUARDS = { ...DEFAULT_STITCH_GUARDS, maxPerType: { email: 2 } };

/** Three persons: A holds two emails, B and C one each; C and D hold a CRM contact each. */
function graph() {
  const g = new IdentityGraph(['email', 'crm_contact_id']);
  g.addEdge('email', 'a1@x.io', 'email', 'a2@x.io', 1);
  g.add('email', 'b@x.io');
  g.addEdge('email', 'c@x.io', 'crm_contact_id', 'C1', 1);
  g.add('crm_contact_id', 'C2');
  return { g, component: g.stitch(GUARDS).outcome.component };
}

function link(
  g: IdentityGraph,
  component: Int32Array,
  left: [string, string],
  right: [string, string],
  probability: number,
): ProbabilisticLink {
  const l = g.add(...left);
  const r = g.add(...right);
  return {
    leftComponent: component[l]!,
    rightComponent: component[r]!,
    leftKey: key(...left),
    rightKey: key(...right),
    records: 'test',
    probability,
    weight: 10,
    levels: 'name=exact',
  };
}

describe('joinMatchedPersons', () => {
  it('refuses a link whose union would pass a type limit, strongest first, and audits why', () => {
    const { g, component } = graph();
    const ab = link(g, component, ['email', 'a1@x.io'], ['email', 'b@x.io'], 0.99);
    const bc = link(g, component, ['email', 'b@x.io'], ['email', 'c@x.io'], 0.95);
    const { persons, accepted, overLimit } = joinMatchedPersons(g, component, [bc, ab], GUARDS);
    // A~B would hold 3 emails; B~C holds 2.
    expect(overLimit).toEqual([
      {
        leftKey: key('email', 'a1@x.io'),
        rightKey: key('email', 'b@x.io'),
        probability: 0.99,
        reason: 'probabilistic_type_limit',
        detail: 'would hold 3 email identifiers, limit 2',
      },
    ]);
    expect(accepted).toEqual([bc]);
    expect(persons).toEqual([
      [key('crm_contact_id', 'C1'), key('email', 'b@x.io'), key('email', 'c@x.io')],
      [key('crm_contact_id', 'C2')],
      [key('email', 'a1@x.io'), key('email', 'a2@x.io')],
    ]);
  });

  it('takes links strongest first whatever order they arrive in', () => {
    const { g } = graph();
    g.add('email', 'd@x.io');
    const again = g.stitch(GUARDS).outcome.component;
    const bc = link(g, again, ['email', 'b@x.io'], ['email', 'c@x.io'], 0.95);
    const cd = link(g, again, ['email', 'c@x.io'], ['email', 'd@x.io'], 0.99);
    for (const order of [
      [bc, cd],
      [cd, bc],
    ]) {
      const { accepted, overLimit } = joinMatchedPersons(g, again, order, GUARDS);
      expect(accepted).toEqual([cd]);
      expect(overLimit.map((r) => r.rightKey)).toEqual([key('email', 'c@x.io')]);
    }
  });

  it('leaves unique types to the clustering guard: duplicate CRM contacts still join', () => {
    const { g, component } = graph();
    const dup = link(g, component, ['crm_contact_id', 'C1'], ['crm_contact_id', 'C2'], 0.999);
    const { persons, overLimit } = joinMatchedPersons(g, component, [dup], GUARDS);
    expect(overLimit).toEqual([]);
    expect(persons).toContainEqual([
      key('crm_contact_id', 'C1'),
      key('crm_contact_id', 'C2'),
      key('email', 'c@x.io'),
    ]);
  });
});
