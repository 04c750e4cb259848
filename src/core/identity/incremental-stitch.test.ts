import { describe, expect, it } from 'vitest';
import { identifierKey as key, splitIdentifierKey } from './identifier-key.js';
import { IdentityGraph } from './identity-graph.js';
import { incrementalStitch, touchedPersons, type KeyEdge } from './incremental-stitch.js';
import { assignStablePersonIds } from './stable-person-ids.js';
import { DEFAULT_STITCH_GUARDS } from './stitch-guards.js';

const TYPES = ['anonymous_id', 'user_id', 'email', 'phone', 'crm_contact_id'];
const e = (lt: string, lv: string, rt: string, rv: string): KeyEdge => ({
  left: key(lt, lv),
  right: key(rt, rv),
});

/** A full run: stitch everything, then name persons against the previous run. */
function fullRun(
  edges: readonly KeyEdge[],
  previous: ReadonlyMap<string, string>,
  firstSeen: ReadonlyMap<string, number>,
) {
  const graph = new IdentityGraph(TYPES);
  for (const { left, right } of edges) {
    const l = splitIdentifierKey(left);
    const r = splitIdentifierKey(right);
    graph.addEdge(l.type, l.value, r.type, r.value);
  }
  const components = graph.stitch(DEFAULT_STITCH_GUARDS).persons();
  const ids = assignStablePersonIds({ components, previous, firstSeen });
  return new Map(components.flatMap((c, i) => c.map((k) => [k, ids.personIds[i]!] as const)));
}

describe('incremental stitching', () => {
  const day1 = [
    e('email', 'a@x.io', 'user_id', 'u1'),
    e('phone', '5550001', 'user_id', 'u1'),
    e('email', 'b@x.io', 'user_id', 'u2'),
    e('email', 'c@x.io', 'phone', '5550003'),
    e('email', 'd@x.io', 'phone', '5550004'),
  ];
  const run1 = fullRun(day1, new Map(), new Map());
  const firstSeen = new Map([...new Set(run1.values())].map((id, i) => [id, i] as const));
  const day2 = [
    e('email', 'c@x.io', 'user_id', 'u1'), // merges the c person into u1
    e('email', 'b@x.io', 'phone', '5550001'), // would join u2 to u1: refused
    e('email', 'new@x.io', 'phone', '5550009'), // a new person
  ];

  it('re-stitches only the persons new edges touch and agrees with a full run', () => {
    const touched = touchedPersons(day2, (k) => run1.get(k));
    expect(touched.persons).toEqual(
      new Set([
        run1.get(key('email', 'c@x.io')),
        run1.get(key('user_id', 'u1')),
        run1.get(key('email', 'b@x.io')),
      ]),
    );
    expect(touched.newIdentifiers).toEqual(
      new Set([key('email', 'new@x.io'), key('phone', '5550009')]),
    );
    const identifiers = [...run1].filter(([, p]) => touched.persons.has(p)).map(([k]) => k);
    const inTouched = new Set([...identifiers, ...touched.newIdentifiers]);
    const result = incrementalStitch({
      typeNames: TYPES,
      guards: DEFAULT_STITCH_GUARDS,
      identifiers,
      storedEdges: day1.filter((x) => inTouched.has(x.left) && inTouched.has(x.right)),
      newEdges: day2,
      previous: new Map([...run1].filter(([k]) => inTouched.has(k))),
      firstSeen,
    });
    const incremental = new Map(run1);
    for (const p of result.persons) for (const k of p.identifiers) incremental.set(k, p.personId);
    expect(incremental).toEqual(fullRun([...day1, ...day2], run1, firstSeen));
    // The untouched person (d) kept its id without being recomputed.
    expect(incremental.get(key('email', 'd@x.io'))).toBe(run1.get(key('email', 'd@x.io')));
    expect(result.refused.map((r) => r.reason)).toEqual(['unique_conflict']);
    expect(result.retired).toMatchObject([
      { reason: 'merged', into: run1.get(key('user_id', 'u1')) },
    ]);
  });

  it('pulls in persons at the far end of earlier refusals', () => {
    const touched = touchedPersons(
      [e('email', 'a@x.io', 'phone', '5550001')],
      (k) => run1.get(k),
      () => ['p_other'],
    );
    expect(touched.persons.has('p_other')).toBe(true);
  });
});
