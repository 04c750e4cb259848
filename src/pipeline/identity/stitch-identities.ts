import { IDENTIFIER_FIELDS, SOURCE_KIND_NAMES } from '../../core/canonical/source-kinds.js';
import { DEFAULT_IDENTITY, type IdentityConfig } from '../../core/config/config.js';
import { splitIdentifierKey } from '../../core/identity/identifier-key.js';
import { IdentityGraph, type RefusedMerge } from '../../core/identity/identity-graph.js';
import { createJunkValueFilter } from '../../core/identity/junk-value-filter.js';
import type { StitchGuardConfig } from '../../core/identity/stitch-guards.js';
import type { Engine, LoadValue } from '../../engine/engine.js';
import { landingTableName } from '../../engine/schema/table-spec.js';
import {
  buildClusterSizesSql,
  buildEdgesSql,
  buildLargestClustersSql,
  buildPersonsSql,
  distinctIdentifiersSql,
  edgesWithProvenanceSql,
} from '../../engine/sql/identity-sql.js';
import { refreshStatistics } from '../refresh-statistics.js';
import { assignPersonIds } from './assign-person-ids.js';
import {
  joinMatchedPersons,
  probabilisticEdges,
  refusedLinkAudit,
} from './join-matched-persons.js';
import { matchPersons } from './match-persons.js';
import { readPersonProfiles } from './read-person-profiles.js';

export interface StitchResult {
  readonly identifiers: number;
  readonly edges: number;
  readonly persons: number;
  readonly largestPerson: number;
  /** Identifiers dropped as junk values (they name nobody). */
  readonly junkIdentifiers: number;
  /** Edges the guards refused, by reason. */
  readonly refused: Readonly<Record<RefusedMerge['reason'], number>>;
  readonly sharedDevices: number;
  /** Persons with a profile that probabilistic matching compared. */
  readonly matchedRecords: number;
  /** Probabilistic links accepted, and refused by the clustering guard. */
  readonly probabilisticLinks: number;
  readonly refusedLinks: number;
  /** Person ids issued this run, and earlier ids retired (merged or gone). */
  readonly newPersonIds: number;
  readonly retiredPersonIds: number;
}

/** How many of the largest persons identity_largest_clusters keeps. */
const LARGEST_CLUSTERS = 10;

function guardsOf(config: IdentityConfig): StitchGuardConfig {
  return {
    uniqueTypes: config.uniqueTypes,
    maxPerType: config.maxPerType,
    deviceTypes: config.deviceTypes,
    maxPersonsPerDevice: config.maxPersonsPerDevice,
  };
}

function auditDetail(merge: RefusedMerge, config: IdentityConfig): string {
  switch (merge.reason) {
    case 'unique_conflict':
      return `${merge.type} is unique: a person holds one`;
    case 'type_limit':
      return `at most ${config.maxPerType[merge.type] ?? '?'} ${merge.type} per person`;
    case 'shared_device':
      return `${merge.type} seen with more than ${config.maxPersonsPerDevice} persons`;
  }
}

/**
 * Deterministic stitching under the over-merge guards: identifiers that appear on one record
 * belong to one person unless a guard refuses it (a second value of a unique type, too many of a
 * type, a device shared by several people). Edges are found in SQL; the guarded stitch runs here
 * over typed arrays (core/identity); junk values (null, 0, test@test.com, ...) join nobody and
 * name nobody. Then persons with a profile (a CRM contact, a lead's typed name) are matched
 * probabilistically (match-persons.ts) and accepted links join their persons. Person ids stay
 * stable across runs (assign-person-ids.ts); a new person is named by its smallest identifier
 * key, so ids do not depend on input order. Refused merges go to merge_audit; cluster sizes and the largest persons
 * to identity_cluster_sizes and identity_largest_clusters.
 */
export async function stitchIdentities(
  engine: Engine,
  config: IdentityConfig = DEFAULT_IDENTITY,
): Promise<StitchResult> {
  // The load stage has just rewritten every landing table this stage and the next ones read.
  await refreshStatistics(engine, SOURCE_KIND_NAMES.map(landingTableName));
  await engine.execute(buildEdgesSql(engine.dialect));
  await refreshStatistics(engine, ['identity_edges']);

  const isJunk = createJunkValueFilter({ extra: config.junkValues });
  const graph = new IdentityGraph(IDENTIFIER_FIELDS, { isJunk });
  const nodes = await engine.query(distinctIdentifiersSql(engine.dialect));
  let junkIdentifiers = 0;
  for (const n of nodes) {
    const type = String(n.id_type);
    const value = String(n.id_value);
    if (isJunk(type, value)) junkIdentifiers++;
    else graph.add(type, value);
  }
  const edges = await engine.query(edgesWithProvenanceSql());
  // Edge numbers skip edges dropped as junk: the row of each edge number.
  const edgeRow: number[] = [];
  edges.forEach((e, row) => {
    const i = graph.addEdge(
      String(e.left_type),
      String(e.left_value),
      String(e.right_type),
      String(e.right_value),
    );
    if (i >= 0) edgeRow[i] = row;
  });
  // Profiles name identifiers already in the graph; read before stitching numbers the components.
  const evidence = await readPersonProfiles(engine, graph, isJunk);
  const stitched = graph.stitch(guardsOf(config));
  const { component } = stitched.outcome;
  const matching = matchPersons(graph, component, evidence, config.matching);
  const { persons, accepted, overLimit } = joinMatchedPersons(
    graph,
    component,
    matching.links,
    guardsOf(config),
  );
  const refusedLinks = [...matching.refused, ...overLimit];
  const ids = await assignPersonIds(engine, persons);

  function* components(): Iterable<LoadValue[]> {
    for (const keys of persons)
      for (const key of keys) {
        const { type, value } = splitIdentifierKey(key);
        yield [type, value, keys[0]!];
      }
  }
  await engine.append('identity_components', components());
  function* identifiers(): Iterable<LoadValue[]> {
    for (let c = 0; c < persons.length; c++)
      for (const key of persons[c]!) {
        const { type, value } = splitIdentifierKey(key);
        yield [type, value, ids.personIds[c]!];
      }
  }
  await engine.append('identifiers', identifiers());
  await engine.append('identity_edges', probabilisticEdges(accepted));
  await refreshStatistics(engine, ['identity_components', 'identifiers']);

  const refused = { unique_conflict: 0, type_limit: 0, shared_device: 0 };
  for (const merge of stitched.refused) refused[merge.reason]++;
  function* audit(): Iterable<LoadValue[]> {
    for (const merge of stitched.refused) {
      const e = edges[edgeRow[merge.edge]!]!;
      yield [
        String(e.left_type),
        String(e.left_value),
        String(e.right_type),
        String(e.right_value),
        merge.reason,
        auditDetail(merge, config),
        e.source_record === null ? null : String(e.source_record),
      ];
    }
    yield* refusedLinkAudit(refusedLinks);
  }
  await engine.append('merge_audit', audit());

  await engine.execute(buildPersonsSql(engine.dialect, config.accounts));
  await refreshStatistics(engine, ['persons']);
  await engine.execute(buildClusterSizesSql());
  await engine.execute(buildLargestClustersSql(engine.dialect, LARGEST_CLUSTERS));
  return {
    identifiers: nodes.length,
    edges: edges.length,
    persons: persons.length,
    largestPerson: persons.reduce((m, p) => Math.max(m, p.length), 0),
    matchedRecords: matching.records,
    probabilisticLinks: accepted.length,
    refusedLinks: refusedLinks.length,
    newPersonIds: ids.created,
    retiredPersonIds: ids.retired.length,
    junkIdentifiers,
    refused,
    sharedDevices: stitched.sharedDevices.length,
  };
}

/** The identity stage's line for the CLI progress. */
export function describeStitch(r: StitchResult): string {
  const refused = r.refused.unique_conflict + r.refused.type_limit + r.refused.shared_device;
  return (
    `${r.persons} persons from ${r.identifiers} identifiers and ${r.edges} edges; ` +
    `${refused} merges refused (${r.refused.unique_conflict} unique, ${r.refused.type_limit} over limit, ` +
    `${r.refused.shared_device} shared device), ${r.sharedDevices} shared devices, ` +
    `${r.junkIdentifiers} junk values; ${r.probabilisticLinks} probabilistic links among ${r.matchedRecords} profiles ` +
    `(${r.refusedLinks} refused); ${r.newPersonIds} new person ids, ${r.retiredPersonIds} retired; ` +
    `largest person ${r.largestPerson} identifiers`
  );
}
