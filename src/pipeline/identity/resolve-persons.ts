import { IDENTIFIER_FIELDS } from '../../core/canonical/source-kinds.js';
import type { IdentityConfig } from '../../core/config/config.js';
import { guardedStitch } from '../../core/identity/guarded-stitch.js';
import { compileStitchGuards, type StitchGuardConfig } from '../../core/identity/stitch-guards.js';
import type { Engine } from '../../engine/engine.js';
import { writeIdentifiersSql } from '../../engine/sql/identity-graph-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { refreshStatistics } from '../refresh-statistics.js';
import { assignPersonIds, type AssignedPersonIds } from './assign-person-ids.js';
import { joinMatchedNodes, probabilisticEdges, refusedLinkAudit } from './join-matched-persons.js';
import { matchPersons, type RefusedLink } from './match-persons.js';
import { numberIdentityGraph, type NumberedIdentityGraph } from './number-identity-graph.js';
import { readPersonProfiles } from './read-person-profiles.js';
import { readProfileNodes } from './read-profile-nodes.js';
import { writeRefusedEdges, writeSharedDevices } from './write-refused-edges.js';

export interface ResolvedPersons {
  readonly graph: NumberedIdentityGraph;
  readonly matchedRecords: number;
  readonly candidatePairs: number;
  readonly skippedBlocks: number;
  readonly probabilisticLinks: number;
  readonly refusedLinks: readonly RefusedLink[];
  readonly ids: AssignedPersonIds;
}

export interface ResolveOptions {
  /** SQL of `id_type, id_value` rows replacing the landing tables as the identifiers (benchmarks). */
  readonly source?: string;
  /** Told as each step ends, for benchmarks' timings. */
  readonly onStep?: (step: string) => void;
}

export function guardsOf(config: IdentityConfig): StitchGuardConfig {
  return {
    uniqueTypes: config.uniqueTypes,
    maxPerType: config.maxPerType,
    deviceTypes: config.deviceTypes,
    maxPersonsPerDevice: config.maxPersonsPerDevice,
  };
}

/**
 * The full path, from identity_edges to identifiers: number the whole graph in the warehouse,
 * stitch under the guards over typed arrays, match profiled persons and join accepted links, send
 * the person of each node back as integers, give persons stable ids (from last run's
 * identifiers) and rewrite identifiers, write probabilistic edges, merge_audit and the shared
 * devices, joining the text on in SQL. The caller (resolve-identity.ts) has emptied merge_audit
 * and identity_shared_devices and written the run's edges.
 */
export async function resolvePersons(
  engine: Engine,
  config: IdentityConfig,
  options: ResolveOptions = {},
): Promise<ResolvedPersons> {
  const step = options.onStep ?? (() => undefined);
  const graph = await numberIdentityGraph(engine, { extra: config.junkValues }, options.source);
  step('number and read the graph');
  const guards = guardsOf(config);
  const outcome = guardedStitch(graph, compileStitchGuards(guards, IDENTIFIER_FIELDS));
  const { component } = outcome;
  step('guarded stitch');

  const evidence = config.matching.enabled ? await readPersonProfiles(engine) : [];
  const profileNodes = await readProfileNodes(engine, component, evidence);
  const matching = await matchPersons(profileNodes, component, evidence, config.matching);
  const types = { nodeType: graph.nodeType, typeNames: IDENTIFIER_FIELDS };
  const { person, accepted, overLimit } = joinMatchedNodes(
    types,
    component,
    matching.links,
    guards,
  );
  step('probabilistic matching');

  await engine.execute(sql('DELETE FROM identity_node_persons'));
  await engine.appendIntegers('identity_node_persons', [
    Int32Array.from({ length: person.length }, (_v, i) => i),
    person,
  ]);
  await refreshStatistics(engine, ['identity_node_persons']);
  step('write node persons');
  const ids = await assignPersonIds(engine);
  step('stable person ids');
  await engine.execute(sql('DELETE FROM identifiers'));
  await engine.execute(writeIdentifiersSql());
  await refreshStatistics(engine, ['identifiers']);
  await engine.append('identity_edges', probabilisticEdges(accepted));
  step('write identifiers');

  await writeRefusedEdges(engine, graph, outcome, config);
  await writeSharedDevices(engine, outcome.shared);
  const refusedLinks = [...matching.refused, ...overLimit];
  await engine.append('merge_audit', refusedLinkAudit(refusedLinks));
  step('audit refusals');
  return {
    graph,
    matchedRecords: matching.records,
    candidatePairs: matching.candidates,
    skippedBlocks: matching.skippedBlocks,
    probabilisticLinks: accepted.length,
    refusedLinks,
    ids,
  };
}
