import { IDENTIFIER_FIELDS } from '../../core/canonical/source-kinds.js';
import type { IdentityConfig } from '../../core/config/config.js';
import { guardedStitch } from '../../core/identity/guarded-stitch.js';
import { compileStitchGuards, type StitchGuardConfig } from '../../core/identity/stitch-guards.js';
import type { Engine } from '../../engine/engine.js';
import { writeIdentifiersSql } from '../../engine/sql/identity-graph-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { refreshStatistics } from '../refresh-statistics.js';
import { withBulkTextWrites } from '../with-bulk-text-writes.js';
import { assignPersonIds, type AssignedPersonIds } from './assign-person-ids.js';
import { joinMatchedNodes, probabilisticEdges, refusedLinkAudit } from './join-matched-persons.js';
import { matchPersons, type RefusedLink } from './match-persons.js';
import { numberIdentityGraph, type NumberedIdentityGraph } from './number-identity-graph.js';
import { readPersonProfiles } from './read-person-profiles.js';
import { readProfileNodes } from './read-profile-nodes.js';
import { recordIdentitySettings } from './record-identity-settings.js';
import { writeRefusedEdges, type RefusalCounts } from './write-refused-edges.js';

export interface ResolvedPersons {
  readonly graph: NumberedIdentityGraph;
  readonly persons: number;
  readonly largestPerson: number;
  readonly sharedDevices: number;
  readonly refused: RefusalCounts;
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

function guardsOf(config: IdentityConfig): StitchGuardConfig {
  return {
    uniqueTypes: config.uniqueTypes,
    maxPerType: config.maxPerType,
    deviceTypes: config.deviceTypes,
    maxPersonsPerDevice: config.maxPersonsPerDevice,
  };
}

/** How many persons `person` (the smallest node of each node's person) makes, and the largest. */
function personSizes(person: Int32Array): { persons: number; largest: number } {
  const size = new Int32Array(person.length);
  let persons = 0;
  let largest = 0;
  for (let v = 0; v < person.length; v++) {
    const s = ++size[person[v]!]!;
    if (s === 1) persons++;
    if (s > largest) largest = s;
  }
  return { persons, largest };
}

/**
 * From identity_edges to identifiers: number the graph in the warehouse, stitch under the guards
 * over typed arrays, match profiled persons and join accepted links, send the person of each
 * node back as integers, give persons stable ids (from last run's identifiers) and rewrite
 * identifiers, write probabilistic edges and merge_audit, joining the text on in SQL. Its tables hold a row of
 * distinct text per identifier: they are written under the engine's settings for bulk text.
 */
export function resolvePersons(
  engine: Engine,
  config: IdentityConfig,
  options: ResolveOptions = {},
): Promise<ResolvedPersons> {
  return withBulkTextWrites(engine, () => resolve(engine, config, options));
}

async function resolve(
  engine: Engine,
  config: IdentityConfig,
  options: ResolveOptions,
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
  const matching = matchPersons(profileNodes, component, evidence, config.matching);
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

  const refused = await writeRefusedEdges(engine, graph, outcome, config);
  const refusedLinks = [...matching.refused, ...overLimit];
  await engine.append('merge_audit', refusedLinkAudit(refusedLinks));
  step('audit refusals');
  await recordIdentitySettings(engine, config, graph.nodeCount);
  const sizes = personSizes(person);
  return {
    graph,
    persons: sizes.persons,
    largestPerson: sizes.largest,
    sharedDevices: outcome.shared.reduce((n, x) => n + x, 0),
    refused,
    matchedRecords: matching.records,
    candidatePairs: matching.candidates,
    skippedBlocks: matching.skippedBlocks,
    probabilisticLinks: accepted.length,
    refusedLinks,
    ids,
  };
}
