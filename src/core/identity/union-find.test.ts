import { describe, expect, it } from 'vitest';
import { normalizeIdentifier } from './normalize-identifier.js';
import { UnionFind } from './union-find.js';

const sorted = (groups: string[][]) =>
  groups.map((g) => [...g].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));

describe('UnionFind', () => {
  it('groups chains, cycles and self-edges, and keeps singletons', () => {
    const uf = new UnionFind();
    uf.union('a', 'b');
    uf.union('b', 'c');
    uf.union('c', 'a');
    uf.union('d', 'd');
    uf.add('e');
    expect(sorted(uf.groups())).toEqual([['a', 'b', 'c'], ['d'], ['e']]);
  });

  it('gives the same groups whatever order the edges arrive in', () => {
    const edges: [string, string][] = [
      ['1', '2'],
      ['3', '4'],
      ['2', '3'],
      ['5', '6'],
    ];
    const a = new UnionFind();
    const b = new UnionFind();
    for (const [x, y] of edges) a.union(x, y);
    for (const [x, y] of [...edges].reverse()) b.union(y, x);
    expect(sorted(a.groups())).toEqual(sorted(b.groups()));
  });
});

describe('normalizeIdentifier', () => {
  it('lower-cases and trims emails, keeps phone digits', () => {
    expect(normalizeIdentifier('email', '  Ann@Acme.Example ')).toBe('ann@acme.example');
    expect(normalizeIdentifier('phone', '+44 (20) 7946-0018')).toBe('+442079460018');
    expect(normalizeIdentifier('user_id', ' u-1 ')).toBe('u-1');
  });
  it('drops values that identify nobody', () => {
    for (const junk of [
      '',
      'null',
      'undefined',
      'N/A',
      '[object Object]',
      '0',
      '-1',
      'anonymous',
    ]) {
      expect(normalizeIdentifier('anonymous_id', junk)).toBeNull();
    }
    expect(normalizeIdentifier('email', 'not-an-email')).toBeNull();
    expect(normalizeIdentifier('phone', '12')).toBeNull();
    expect(normalizeIdentifier('user_id', 'a\u0000b')).toBe('ab');
  });
});
