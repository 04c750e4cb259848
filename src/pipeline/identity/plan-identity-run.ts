import type { IdentityConfig } from '../../core/config/config.js';
import { resolveJunkPolicy } from '../../core/identity/junk-value-filter.js';
import { REFUSAL_REASONS } from '../../core/identity/stitch-guards.js';
import type { Engine } from '../../engine/engine.js';
import {
  changedEdgesSql,
  changedIdentifiersSql,
  personsOfChangedEdgesSql,
  profiledPersonsSql,
  profilesDigestSql,
  refusedPersonPairsSql,
} from '../../engine/sql/incremental-identity-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { identitySettingsDigest } from './record-identity-settings.js';

/** The guards' refusal reasons: merge_audit rows of the deterministic graph. */
export const GUARD_REASONS = REFUSAL_REASONS.slice(1);

export type IdentityRunPlan =
  | { readonly mode: 'full'; readonly reason: string }
  | {
      readonly mode: 'incremental';
      /** Run edges new since the last run, or showing their pair with other provenance (moved). */
      readonly changedEdges: number;
      readonly movedEdges: number;
      /** Identifiers no person held last run (junk apart). */
      readonly newIdentifiers: number;
      readonly junkIdentifiers: number;
      /** Last run's persons to re-stitch (in identity_touched_persons). */
      readonly touchedPersons: number;
    };

/** What can be told before the run's edges are built: whether the graph kept can be patched. */
export interface KeptGraph {
  /** Why the run must be full whatever its edges are; null when they decide. */
  readonly fullReason: string | null;
  /** The digest of what matching reads (null: matching off), recorded for the next run. */
  readonly profilesDigest: string | null;
}

/**
 * Step 1, before the run's edges are built: a full run when nothing was stitched before, the
 * identity settings changed, or (matching on) what matching reads changed: matching is global,
 * its estimates come from every profile, so it is re-run only in full.
 */
export async function checkKeptGraph(engine: Engine, config: IdentityConfig): Promise<KeptGraph> {
  const profilesDigest = config.matching.enabled
    ? String((await engine.query(profilesDigestSql(engine.dialect)))[0]?.digest ?? '')
    : null;
  const [state] = await engine.query(
    sql('SELECT settings_digest, profiles_digest FROM identity_state'),
  );
  const fullReason =
    state === undefined
      ? 'no stitched graph kept'
      : state.settings_digest !== identitySettingsDigest(config)
        ? 'identity settings changed'
        : profilesDigest !== null && state.profiles_digest !== profilesDigest
          ? 'matching profiles changed'
          : null;
  return { fullReason, profilesDigest };
}

/**
 * Step 2, with the run's edges in identity_run_edges and the last run's graph still in
 * identity_edges, identifiers and merge_audit: whether this run can re-stitch only what the new
 * data touches, and which persons that is.
 *
 * Why the touched persons are enough: the guards decide within a connected component of the raw
 * graph (every edge, refused or not), so a person's fate changes only if a changed edge reaches
 * its raw component. Every edge between two of last run's persons was refused and is in
 * merge_audit, so the raw component of a person is the persons chained to it by refusals. The
 * touched persons are those holding an end of a changed edge, closed under those chains; with
 * the new identifiers they make whole raw components, which stitch exactly as in a full run.
 *
 * A full run instead when an edge or identifier disappeared (erasure, retention, a replaced
 * record) or, with matching on, a touched person has a profile.
 */
export async function planIdentityRun(
  engine: Engine,
  config: IdentityConfig,
  source?: string,
): Promise<IdentityRunPlan> {
  const d = engine.dialect;
  for (const table of [
    'identity_changed_ids',
    'identity_changed_edges',
    'identity_touched_persons',
  ])
    await engine.execute(sql(`DELETE FROM ${d.quoteIdentifier(table)}`));
  await engine.execute(changedEdgesSql());
  await engine.execute(
    changedIdentifiersSql(d, resolveJunkPolicy({ extra: config.junkValues }), source),
  );
  const [c] = await engine.query(
    sql(`SELECT
  (SELECT COUNT(*) FROM identity_changed_edges WHERE removed) AS removed_edges,
  (SELECT COUNT(*) FROM identity_changed_edges WHERE NOT removed) AS changed_edges,
  (SELECT COUNT(*) FROM identity_changed_edges WHERE moved) AS moved_edges,
  (SELECT COUNT(*) FROM identity_changed_ids WHERE removed) AS removed_ids,
  (SELECT COUNT(*) FROM identity_changed_ids WHERE NOT removed AND NOT junk) AS new_ids,
  (SELECT COUNT(*) FROM identity_changed_ids WHERE junk) AS junk_ids`),
  );
  const n = (column: string) => Number(c?.[column] ?? 0);
  const full = (reason: string): IdentityRunPlan => ({ mode: 'full', reason });
  if (n('removed_edges') > 0)
    return full(`${n('removed_edges')} stored edges no record shows any more`);
  if (n('removed_ids') > 0) return full(`${n('removed_ids')} identifiers no record shows any more`);

  const touched = n('changed_edges') > 0 ? await touchedPersons(engine) : [];
  if (touched.length > 0) {
    await engine.append(
      'identity_touched_persons',
      touched.map((p) => [p]),
    );
    if (config.matching.enabled) {
      const profiled = await engine.query(profiledPersonsSql(d));
      if (profiled.length > 0)
        return full(`${profiled.length} touched persons have a matching profile`);
    }
  }
  return {
    mode: 'incremental',
    changedEdges: n('changed_edges'),
    movedEdges: n('moved_edges'),
    newIdentifiers: n('new_ids'),
    junkIdentifiers: n('junk_ids'),
    touchedPersons: touched.length,
  };
}

/** The persons holding an end of a changed edge, and every person chained to them by refusals. */
async function touchedPersons(engine: Engine): Promise<string[]> {
  const seeds = (await engine.query(personsOfChangedEdgesSql())).map((r) => String(r.person_id));
  if (seeds.length === 0) return [];
  const chained = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = chained.get(a);
    if (list) list.push(b);
    else chained.set(a, [b]);
  };
  for (const r of await engine.query(refusedPersonPairsSql(engine.dialect, GUARD_REASONS))) {
    link(String(r.left_person), String(r.right_person));
    link(String(r.right_person), String(r.left_person));
  }
  const seen = new Set(seeds);
  const queue = [...seeds];
  while (queue.length > 0) {
    for (const q of chained.get(queue.pop()!) ?? []) {
      if (!seen.has(q)) {
        seen.add(q);
        queue.push(q);
      }
    }
  }
  return [...seen].sort();
}
