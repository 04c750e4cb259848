import { describe, expect, it } from 'vitest';
import { clusterWithGuards, type ScoredEdge } from './guarded-clustering.js';

/** Symmetric direct scores from a table; pairs not listed score `otherwise`. */
function direct(table: Record<string, number>, otherwise = 0.5) {
  return (a: number, b: number) => table[`${Math.min(a, b)}-${Math.max(a, b)}`] ?? otherwise;
}
const options = { threshold: 0.9, cannotLinkBelow: 0.01 };

describe('clusterWithGuards', () => {
  it('refuses the second link of a chain A–B–C whose ends conflict', () => {
    const edges: ScoredEdge[] = [
      { left: 0, right: 1, probability: 0.99 },
      { left: 1, right: 2, probability: 0.95 },
    ];
    const result = clusterWithGuards(3, edges, direct({ '0-2': 0.001 }), options);
    expect(result.clusters).toEqual([[0, 1], [2]]);
    expect(result.refused).toHaveLength(1);
    expect(result.refused[0]).toMatchObject({
      reason: 'cannot_link',
      edge: edges[1],
      conflict: { left: 0, right: 2, probability: 0.001 },
    });
  });

  it('keeps the strongest links whatever order the edges arrive in', () => {
    const edges: ScoredEdge[] = [
      { left: 2, right: 3, probability: 0.97 },
      { left: 0, right: 1, probability: 0.99 },
      { left: 1, right: 2, probability: 0.92 },
      { left: 3, right: 4, probability: 0.95 },
    ];
    const score = direct({ '0-4': 0.0001, '1-4': 0.0001 });
    const forward = clusterWithGuards(5, edges, score, options);
    const backward = clusterWithGuards(5, [...edges].reverse(), score, options);
    expect(forward.clusters).toEqual(backward.clusters);
    expect(forward.clusters).toEqual([
      [0, 1],
      [2, 3, 4],
    ]);
  });

  it('ignores self-edges, duplicates and cycles, and links below the threshold', () => {
    const edges: ScoredEdge[] = [
      { left: 0, right: 0, probability: 1 },
      { left: 0, right: 1, probability: 0.95 },
      { left: 1, right: 0, probability: 0.95 },
      { left: 1, right: 2, probability: 0.95 },
      { left: 2, right: 0, probability: 0.95 },
      { left: 3, right: 4, probability: 0.5 },
    ];
    const result = clusterWithGuards(5, edges, direct({}), options);
    expect(result.clusters).toEqual([[0, 1, 2], [3], [4]]);
    expect(result.accepted).toHaveLength(2);
    expect(result.refused).toEqual([]);
    expect([...result.clusterOf]).toEqual([0, 0, 0, 1, 2]);
  });

  it('keeps two CRM contacts apart unless they match above the stricter threshold', () => {
    const crm = ['c1', 'c2', null, 'c3', 'c4'];
    const uniqueKeys = [
      { name: 'crm_contact_id', valueOf: (r: number) => crm[r] ?? null, allowAbove: 0.999 },
    ];
    const edges: ScoredEdge[] = [
      { left: 0, right: 2, probability: 0.99 },
      { left: 1, right: 2, probability: 0.98 },
      { left: 3, right: 4, probability: 0.9995 },
    ];
    const result = clusterWithGuards(5, edges, direct({ '0-1': 0.97, '3-4': 0.9995 }), {
      ...options,
      uniqueKeys,
    });
    expect(result.clusters).toEqual([[0, 2], [1], [3, 4]]);
    expect(result.refused.map((r) => r.reason)).toEqual(['unique_conflict']);
  });

  it('caps cluster size', () => {
    const edges = Array.from({ length: 9 }, (_, i) => ({
      left: i,
      right: i + 1,
      probability: 0.99,
    }));
    const result = clusterWithGuards(10, edges, direct({}, 0.99), {
      ...options,
      maxClusterSize: 4,
    });
    expect(Math.max(...result.clusters.map((c) => c.length))).toBe(4);
    expect(result.refused.every((r) => r.reason === 'max_cluster_size')).toBe(true);
  });
});
