import { describe, expect, it } from 'vitest';
import { identifierKey as key } from './identifier-key.js';
import { IdentityGraph } from './identity-graph.js';
import { createJunkValueFilter } from './junk-value-filter.js';
import { DEFAULT_STITCH_GUARDS, type StitchGuardConfig } from './stitch-guards.js';

const TYPES = ['anonymous_id', 'user_id', 'email', 'phone', 'crm_contact_id'];
type Edge = readonly [string, string, string, string, number?];

function stitch(edges: readonly Edge[], guards: StitchGuardConfig = DEFAULT_STITCH_GUARDS) {
  const graph = new IdentityGraph(TYPES);
  for (const [lt, lv, rt, rv, s] of edges) graph.addEdge(lt, lv, rt, rv, s ?? 1);
  return graph.stitch(guards);
}

describe('IdentityGraph.stitch', () => {
  it('joins chains and cycles, and survives self-edges', () => {
    const result = stitch([
      ['email', 'a@x.io', 'phone', '5550001'],
      ['phone', '5550001', 'user_id', 'u1'],
      ['user_id', 'u1', 'email', 'a@x.io'],
      ['email', 'b@x.io', 'email', 'b@x.io'],
    ]);
    expect(result.persons()).toEqual([
      [key('email', 'a@x.io'), key('phone', '5550001'), key('user_id', 'u1')],
      [key('email', 'b@x.io')],
    ]);
    expect(result.refused).toEqual([]);
    expect(result.sizes.largest).toBe(3);
  });

  it('never joins two values of a unique type, and audits the refusal', () => {
    const result = stitch([
      ['user_id', 'u1', 'email', 'shared@x.io'],
      ['user_id', 'u2', 'email', 'shared@x.io'],
    ]);
    expect(result.persons()).toEqual([
      [key('email', 'shared@x.io'), key('user_id', 'u1')],
      [key('user_id', 'u2')],
    ]);
    expect(result.refused).toMatchObject([
      {
        reason: 'unique_conflict',
        type: 'user_id',
        left: key('user_id', 'u2'),
        right: key('email', 'shared@x.io'),
      },
    ]);
  });

  it('lets stronger edges win when the guards must choose', () => {
    const result = stitch([
      ['user_id', 'u1', 'email', 'shared@x.io', 1],
      ['user_id', 'u2', 'email', 'shared@x.io', 5],
    ]);
    expect(result.persons()[0]).toEqual([key('email', 'shared@x.io'), key('user_id', 'u2')]);
  });

  it('gives the same persons whatever order identifiers and edges arrive in', () => {
    const edges: Edge[] = [
      ['user_id', 'u1', 'email', 'e1@x.io'],
      ['user_id', 'u2', 'email', 'e1@x.io'],
      ['email', 'e1@x.io', 'phone', '5550001'],
      ['user_id', 'u2', 'phone', '5550002'],
      ['phone', '5550002', 'email', 'e2@x.io'],
      ['user_id', 'u1', 'email', 'e2@x.io'],
      ['anonymous_id', 'a1', 'email', 'e1@x.io'],
    ];
    const forward = stitch(edges);
    const backward = stitch([...edges].reverse().map(([a, b, c, d]) => [c, d, a, b] as const));
    expect(backward.persons()).toEqual(forward.persons());
    expect(backward.refused.length).toBe(forward.refused.length);
  });

  it('caps identifiers of a type per person', () => {
    const edges: Edge[] = Array.from(
      { length: 7 },
      (_, i) => ['user_id', 'u1', 'email', `e${i}@x.io`] as const,
    );
    const result = stitch(edges, { ...DEFAULT_STITCH_GUARDS, maxPerType: { email: 5 } });
    const person = result.persons().find((p) => p.includes(key('user_id', 'u1')))!;
    expect(person.filter((k) => k.startsWith('email'))).toHaveLength(5);
    expect(result.refused.map((r) => [r.reason, r.type])).toEqual([
      ['type_limit', 'email'],
      ['type_limit', 'email'],
    ]);
  });

  it('does not merge persons through a shared device', () => {
    const guards = { ...DEFAULT_STITCH_GUARDS, maxPersonsPerDevice: 2 };
    const kiosk = stitch(
      [
        ['anonymous_id', 'kiosk', 'email', 'a@x.io'],
        ['anonymous_id', 'kiosk', 'email', 'b@x.io'],
        ['anonymous_id', 'kiosk', 'email', 'c@x.io'],
        ['email', 'c@x.io', 'phone', '5550003'],
        ['anonymous_id', 'kiosk', 'phone', '5550003'],
      ],
      guards,
    );
    expect(kiosk.persons()).toHaveLength(4);
    expect(kiosk.sharedDevices).toEqual([{ identifier: key('anonymous_id', 'kiosk'), persons: 3 }]);
    expect(kiosk.refused.filter((r) => r.reason === 'shared_device')).toHaveLength(4);
    // Two persons on one browser is within the limit: one person with two emails.
    const laptop = stitch(
      [
        ['anonymous_id', 'laptop', 'email', 'work@x.io'],
        ['anonymous_id', 'laptop', 'email', 'home@x.io'],
      ],
      guards,
    );
    expect(laptop.persons()).toHaveLength(1);
  });

  it('keeps devices an earlier run found shared', () => {
    const graph = new IdentityGraph(TYPES);
    graph.addEdge('anonymous_id', 'kiosk', 'email', 'a@x.io');
    const result = graph.stitch(DEFAULT_STITCH_GUARDS, [key('anonymous_id', 'kiosk')]);
    expect(result.persons()).toHaveLength(2);
  });

  it('drops edges with a junk end but keeps the other identifier', () => {
    const graph = new IdentityGraph(TYPES, { isJunk: createJunkValueFilter() });
    expect(graph.addEdge('user_id', 'u1', 'email', 'test@test.com')).toBe(-1);
    expect(graph.addEdge('user_id', 'u2', 'email', 'TEST@test.com')).toBe(-1);
    expect(graph.junkEdges).toBe(2);
    expect(graph.stitch(DEFAULT_STITCH_GUARDS).persons()).toEqual([
      [key('user_id', 'u1')],
      [key('user_id', 'u2')],
    ]);
  });

  it('survives one value on a great many records without a giant person', () => {
    const graph = new IdentityGraph(TYPES);
    for (let i = 0; i < 20_000; i++)
      graph.addEdge('user_id', `u${i}`, 'email', 'info@shop.example');
    const result = graph.stitch(DEFAULT_STITCH_GUARDS);
    expect(result.sizes.largest).toBe(2);
    expect(result.refused).toHaveLength(19_999);
    expect(result.refused.every((r) => r.reason === 'unique_conflict')).toBe(true);
  });
});
