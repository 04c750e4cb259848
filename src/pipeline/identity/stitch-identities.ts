import { SOURCE_KIND_NAMES } from '../../core/canonical/source-kinds.js';
import { DEFAULT_IDENTITY, type IdentityConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import { landingTableName } from '../../engine/schema/table-spec.js';
import {
  buildClusterSizesSql,
  buildEdgesSql,
  buildLargestClustersSql,
  buildPersonsSql,
} from '../../engine/sql/identity-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { refreshStatistics } from '../refresh-statistics.js';
import { resolveIdentity, type ResolvedIdentity } from './resolve-identity.js';

/** The stage's outcome: resolveIdentity's counts, with the whole graph's edges and persons. */
export interface StitchResult extends Omit<ResolvedIdentity, 'ids'> {
  readonly edges: number;
  readonly persons: number;
  readonly largestPerson: number;
  /** Person ids issued this run, and earlier ids retired (merged or gone). */
  readonly newPersonIds: number;
  readonly retiredPersonIds: number;
}

/** How many of the largest persons identity_largest_clusters keeps. */
const LARGEST_CLUSTERS = 10;

/**
 * Deterministic stitching under the over-merge guards: identifiers that appear on one record
 * belong to one person unless a guard refuses it (a second value of a unique type, too many of a
 * type, a device shared by several people). The warehouse finds the edges and numbers the
 * identifiers (junk values, such as null, 0 or test@test.com, get no number: they join nobody and
 * name nobody); the guarded stitch runs here over typed arrays of node numbers (core/identity);
 * the person of each node goes back as integers and the text is joined on in SQL. Then persons
 * with a profile (a CRM contact, a lead's typed name) are matched probabilistically
 * (match-persons.ts) and accepted links join their persons. Person ids stay stable across runs
 * (assign-person-ids.ts); a new person is named by its smallest identifier key, so ids do not
 * depend on input order. Refused merges go to merge_audit; cluster sizes and the largest persons
 * to identity_cluster_sizes and identity_largest_clusters. A run whose edges only add to the
 * last run's graph re-stitches just the persons they touch (plan-identity-run.ts).
 */
export async function stitchIdentities(
  engine: Engine,
  config: IdentityConfig = DEFAULT_IDENTITY,
): Promise<StitchResult> {
  // The load stage has just rewritten every landing table this stage and the next ones read.
  await refreshStatistics(engine, SOURCE_KIND_NAMES.map(landingTableName));
  const r = await resolveIdentity(engine, config, {
    writeEdges: (into) => engine.execute(buildEdgesSql(engine.dialect, into)),
  });
  const [edgeCount] = await engine.query(
    sql("SELECT COUNT(*) AS edges FROM identity_edges WHERE rule = 'same_record'"),
  );

  await engine.execute(buildPersonsSql(engine.dialect, config.accounts));
  await refreshStatistics(engine, ['persons']);
  await engine.execute(buildClusterSizesSql());
  await engine.execute(buildLargestClustersSql(engine.dialect, LARGEST_CLUSTERS));
  const [persons] = await engine.query(
    sql('SELECT COUNT(*) AS persons, MAX(identifier_count) AS largest FROM persons'),
  );
  const { ids, ...counts } = r;
  return {
    ...counts,
    edges: Number(edgeCount?.edges ?? 0),
    persons: Number(persons?.persons ?? 0),
    largestPerson: Number(persons?.largest ?? 0),
    newPersonIds: ids.created,
    retiredPersonIds: ids.retired,
  };
}

/** The identity stage's line for the CLI progress. */
export function describeStitch(r: StitchResult): string {
  const refused = r.refused.unique_conflict + r.refused.type_limit + r.refused.shared_device;
  const skipped =
    r.skippedBlocks > 0
      ? `; ${r.skippedBlocks} blocks skipped as too large or past max_candidate_pairs`
      : '';
  const how =
    r.mode === 'full'
      ? `full (${r.fullReason ?? 'whole graph'})`
      : `incremental: re-stitched ${r.touchedPersons} earlier persons and ${r.restitchedIdentifiers} identifiers`;
  const matching =
    r.mode === 'full'
      ? `${r.probabilisticLinks} probabilistic links among ${r.matchedRecords} profiles ` +
        `(${r.candidatePairs} candidate pairs${skipped}, ${r.refusedLinks} links refused)`
      : 'matching kept from the last run';
  return (
    `${how}; ${r.persons} persons from ${r.identifiers} identifiers and ${r.edges} edges; ` +
    `${refused} merges refused (${r.refused.unique_conflict} unique, ${r.refused.type_limit} over limit, ` +
    `${r.refused.shared_device} shared device), ${r.sharedDevices} shared devices, ` +
    `${r.junkIdentifiers} junk values; ${matching}; ${r.newPersonIds} new person ids, ${r.retiredPersonIds} retired; ` +
    `largest person ${r.largestPerson} identifiers`
  );
}
