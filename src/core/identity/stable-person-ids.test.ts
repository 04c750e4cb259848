import { describe, expect, it } from 'vitest';
import { stableHash } from './stable-hash.js';
import { assignStablePersonIds } from './stable-person-ids.js';

const previous = new Map([
  ['email:a', 'p_old'],
  ['phone:1', 'p_old'],
  ['email:b', 'p_new'],
  ['user:b', 'p_new'],
  ['email:c', 'p_mid'],
]);
const firstSeen = new Map([
  ['p_old', 100],
  ['p_mid', 200],
  ['p_new', 300],
]);

describe('assignStablePersonIds', () => {
  it('keeps every id when nothing changed', () => {
    const result = assignStablePersonIds({
      components: [['email:a', 'phone:1'], ['email:b', 'user:b'], ['email:c']],
      previous,
      firstSeen,
    });
    expect(result.personIds).toEqual(['p_old', 'p_new', 'p_mid']);
    expect(result.retired).toEqual([]);
    expect(result.created).toBe(0);
  });

  it('keeps the oldest id on a merge, whichever side is bigger', () => {
    const result = assignStablePersonIds({
      components: [['email:b', 'user:b', 'email:c', 'email:a', 'phone:1']],
      previous,
      firstSeen,
    });
    expect(result.personIds).toEqual(['p_old']);
    expect(result.retired).toEqual([
      { personId: 'p_mid', reason: 'merged', into: 'p_old' },
      { personId: 'p_new', reason: 'merged', into: 'p_old' },
    ]);
  });

  it('on a split, the part with most identifiers keeps the id and the rest get hashed ids', () => {
    const components = [['email:b', 'user:b'], ['email:a'], ['phone:1', 'phone:2'], ['email:c']];
    const result = assignStablePersonIds({ components, previous, firstSeen });
    // phone:1 holds as many of p_old as email:a; the tie goes to the smallest identifier.
    expect(result.personIds).toEqual(['p_new', 'p_old', `p_${stableHash('phone:1')}`, 'p_mid']);
    expect(result.created).toBe(1);
  });

  it('does not depend on the order of components or of their identifiers', () => {
    const components = [
      ['email:a'],
      ['phone:2', 'phone:1'],
      ['user:b', 'email:c', 'email:b'],
      ['email:z'],
    ];
    const forward = assignStablePersonIds({ components, previous, firstSeen });
    const reversed = [...components].reverse().map((c) => [...c].reverse());
    const backward = assignStablePersonIds({ components: reversed, previous, firstSeen });
    expect([...backward.personIds].reverse()).toEqual(forward.personIds);
    expect(backward.retired).toEqual(forward.retired);
  });

  it('gives new persons deterministic ids, never one already in use', () => {
    const taken = `p_${stableHash('email:new')}`;
    const result = assignStablePersonIds({
      components: [['email:new'], ['email:x']],
      previous: new Map([['email:x', taken]]),
      firstSeen: new Map(),
    });
    expect(result.personIds[1]).toBe(taken);
    expect(result.personIds[0]).toBe(`p_${stableHash('email:new#1')}`);
  });

  it('retires ids whose identifiers all disappeared (erasure)', () => {
    const result = assignStablePersonIds({
      components: [['email:a', 'phone:1']],
      previous,
      firstSeen,
    });
    expect(result.retired.map((r) => [r.personId, r.reason])).toEqual([
      ['p_mid', 'gone'],
      ['p_new', 'gone'],
    ]);
  });
});

describe('stableHash', () => {
  it('is deterministic, 16 hex digits, and spreads similar inputs', () => {
    expect(stableHash('email\u0001a@x.io')).toBe(stableHash('email\u0001a@x.io'));
    expect(stableHash('a')).toMatch(/^[0-9a-f]{16}$/);
    expect(stableHash('a')).not.toBe(stableHash('b'));
    const many = new Set(Array.from({ length: 100_000 }, (_, i) => stableHash(`id-${i}`)));
    expect(many.size).toBe(100_000);
  });
});
