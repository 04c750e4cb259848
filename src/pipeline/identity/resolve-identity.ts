import type { IdentityConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import { refusalCountsSql, replaceEdgesSql } from '../../engine/sql/incremental-identity-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { refreshStatistics } from '../refresh-statistics.js';
import { withBulkTextWrites } from '../with-bulk-text-writes.js';
import type { AssignedPersonIds } from './assign-person-ids.js';
import type { EdgeTable } from '../../engine/sql/identity-sql.js';
import {
  checkKeptGraph,
  GUARD_REASONS,
  planIdentityRun,
  type IdentityRunPlan,
} from './plan-identity-run.js';
import { recordIdentitySettings } from './record-identity-settings.js';
import { resolvePersons, type ResolveOptions } from './resolve-persons.js';
import { restitchTouched } from './restitch-touched.js';
import type { RefusalCounts } from './write-refused-edges.js';

export interface ResolvedIdentity {
  /** `full`: the whole graph re-stitched (`fullReason` says why); else only what changed. */
  readonly mode: 'full' | 'incremental';
  readonly fullReason?: string;
  /** Distinct identifiers seen, junk included, and the junk ones. */
  readonly identifiers: number;
  readonly junkIdentifiers: number;
  /** Identifiers this run stitched: all of them (full), the touched persons' and new (incremental). */
  readonly restitchedIdentifiers: number;
  /** Last run's persons an incremental run re-stitched. */
  readonly touchedPersons: number;
  /** Refused edges of the whole graph by reason, and its shared devices. */
  readonly refused: RefusalCounts;
  readonly sharedDevices: number;
  /** Probabilistic matching: run only by a full run (zero otherwise; its links are kept). */
  readonly matchedRecords: number;
  readonly candidatePairs: number;
  readonly skippedBlocks: number;
  readonly probabilisticLinks: number;
  readonly refusedLinks: number;
  readonly ids: AssignedPersonIds;
}

const STAGING = [
  'identity_run_edges',
  'identity_changed_edges',
  'identity_changed_ids',
  'identity_touched_persons',
];

export interface IdentityRunOptions extends ResolveOptions {
  /** Writes the run's deterministic edges to `into` (the stage: buildEdgesSql). */
  readonly writeEdges: (into: EdgeTable) => Promise<void>;
}

/**
 * From the run's edges to identifiers: re-stitches only the persons new data touches when it
 * can (plan-identity-run.ts), the whole graph otherwise. Either way the tables end as a full run
 * would leave them, and the graph's settings are recorded for the next run. A run known to be
 * full before its edges are built writes them straight to identity_edges; any other compares
 * them first (identity_run_edges). Its tables hold a row of distinct text per identifier: they
 * are written under the engine's settings for bulk text.
 */
export function resolveIdentity(
  engine: Engine,
  config: IdentityConfig,
  options: IdentityRunOptions,
): Promise<ResolvedIdentity> {
  return withBulkTextWrites(engine, () => resolve(engine, config, options));
}

/** The run's edges in place and its plan: the kept graph patched, or replaced whole. */
async function writeEdgesAndPlan(
  engine: Engine,
  config: IdentityConfig,
  options: IdentityRunOptions,
  fullReason: string | null,
): Promise<IdentityRunPlan> {
  const clear = async (tables: readonly string[]) => {
    for (const table of tables)
      await engine.execute(sql(`DELETE FROM ${engine.dialect.quoteIdentifier(table)}`));
  };
  const replaced = ['merge_audit', 'identity_shared_devices'];
  if (fullReason !== null) {
    await clear(['identity_edges', ...replaced]);
    await options.writeEdges('identity_edges');
    await refreshStatistics(engine, ['identity_edges']);
    options.onStep?.('write edges');
    return { mode: 'full', reason: fullReason };
  }
  await clear(['identity_run_edges']);
  await options.writeEdges('identity_run_edges');
  await refreshStatistics(engine, ['identity_run_edges']);
  options.onStep?.('write edges');
  const plan = await planIdentityRun(engine, config, options.source);
  options.onStep?.(`compare with the kept graph (${plan.mode})`);
  if (plan.mode === 'full') {
    for (const statement of replaceEdgesSql('all')) await engine.execute(statement);
    await refreshStatistics(engine, ['identity_edges']);
    await clear(replaced);
    options.onStep?.('replace edges');
  }
  return plan;
}

async function resolve(
  engine: Engine,
  config: IdentityConfig,
  options: IdentityRunOptions,
): Promise<ResolvedIdentity> {
  const kept = await checkKeptGraph(engine, config);
  options.onStep?.('check the kept graph');
  const plan = await writeEdgesAndPlan(engine, config, options, kept.fullReason);
  let run: Omit<ResolvedIdentity, 'identifiers' | 'refused' | 'sharedDevices'>;
  if (plan.mode === 'full') {
    const r = await resolvePersons(engine, config, options);
    run = {
      mode: 'full',
      fullReason: plan.reason,
      junkIdentifiers: r.graph.junkIdentifiers,
      restitchedIdentifiers: r.graph.nodeCount,
      touchedPersons: 0,
      matchedRecords: r.matchedRecords,
      candidatePairs: r.candidatePairs,
      skippedBlocks: r.skippedBlocks,
      probabilisticLinks: r.probabilisticLinks,
      refusedLinks: r.refusedLinks.length,
      ids: r.ids,
    };
  } else {
    // Junk-only edges change no person but are stored edges all the same: they still go in.
    const nothingNew = plan.changedEdges === 0 && plan.newIdentifiers === 0;
    const r = nothingNew
      ? { identifiers: 0, ids: { created: 0, retired: 0 } }
      : await restitchTouched(engine, config, plan);
    options.onStep?.('re-stitch touched persons');
    run = {
      mode: 'incremental',
      junkIdentifiers: plan.junkIdentifiers,
      restitchedIdentifiers: r.identifiers,
      touchedPersons: plan.touchedPersons,
      matchedRecords: 0,
      candidatePairs: 0,
      skippedBlocks: 0,
      probabilisticLinks: 0,
      refusedLinks: 0,
      ids: r.ids,
    };
  }
  // The comparison's copies of the graph are of no use once it is patched: 10M edges would stay.
  for (const table of STAGING)
    await engine.execute(sql(`DELETE FROM ${engine.dialect.quoteIdentifier(table)}`));
  const totals = await graphTotals(engine);
  await recordIdentitySettings(engine, config, totals.identifiers, kept.profilesDigest);
  return { ...run, ...totals, identifiers: totals.identifiers + run.junkIdentifiers };
}

/** Counts of the whole graph, from its tables: alike whichever path wrote them. */
async function graphTotals(
  engine: Engine,
): Promise<{ identifiers: number; refused: RefusalCounts; sharedDevices: number }> {
  const [counts] = await engine.query(
    sql(`SELECT (SELECT COUNT(*) FROM identifiers) AS identifiers,
  (SELECT COUNT(*) FROM identity_shared_devices) AS shared`),
  );
  const refused: RefusalCounts = { unique_conflict: 0, type_limit: 0, shared_device: 0 };
  for (const r of await engine.query(refusalCountsSql(engine.dialect, GUARD_REASONS)))
    refused[String(r.reason) as keyof RefusalCounts] = Number(r.refused);
  return {
    identifiers: Number(counts?.identifiers ?? 0),
    refused,
    sharedDevices: Number(counts?.shared ?? 0),
  };
}
