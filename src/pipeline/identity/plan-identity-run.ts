import type { IdentityConfig } from '../../core/config/config.js';
import { resolveJunkPolicy } from '../../core/identity/junk-value-filter.js';
import { REFUSAL_REASONS } from '../../core/identity/stitch-guards.js';
import type { Engine } from '../../engine/engine.js';
import {
  changedEdgesSql,
  newIdentifiersSql,
  personsOfChangedEdgesSql,
  profiledPersonsSql,
  profilesDigestSql,
  refusedPersonPairsSql,
  removedEdgesCountSql,
  removedIdentifiersCountSql,
} from '../../engine/sql/incremental-identity-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { identitySettingsDigest } from './record-identity-settings.js';

/** The guards' refusal reasons: merge_audit rows of the deterministic graph. */
export const GUARD_REASONS = REFUSAL_REASONS.slice(1);

export type IdentityRunPlan =
  | { readonly mode: 'full'; readonly reason: string; readonly profilesDigest: string | null }
  | {
      readonly mode: 'incremental';
      readonly profilesDigest: string | null;
      /** Run edges new since the last run (or showing their pair with other provenance). */
      readonly changedEdges: number;
      /** Identifiers no person held last run (junk apart). */
      readonly newIdentifiers: number;
      readonly junkIdentifiers: number;
      /** Last run's persons re-stitched (in identity_touched_persons). */
      readonly touchedPersons: number;
    };

const count = async (engine: Engine, statement: ReturnType<typeof sql>, column: string) =>
  Number((await engine.query(statement))[0]?.[column] ?? 0);

/**
 * Whether this run can re-stitch only what the new data touches, and which persons that is.
 * identity_run_edges holds the run's deterministic edges; identity_edges, identifiers and
 * merge_audit still hold the last run's graph.
 *
 * Why the touched persons are enough: the guards decide within a connected component of the raw
 * graph (every edge, refused or not), so a person's fate changes only if a changed edge reaches
 * its raw component. Every edge between two of last run's persons was refused and is in
 * merge_audit, so the raw component of a person is the persons chained to it by refusals. The
 * touched persons are those holding an end of a changed edge, closed under those chains; with
 * the new identifiers they make whole raw components, which stitch exactly as in a full run.
 *
 * A full run instead when: nothing was stitched before, the identity settings changed, an
 * edge or identifier disappeared (erasure, retention, a replaced record), or, with matching on,
 * what matching reads changed or a touched person has a profile (matching is global: its
 * estimates come from every profile, so it is re-run only in full).
 */
export async function planIdentityRun(
  engine: Engine,
  config: IdentityConfig,
  source?: string,
): Promise<IdentityRunPlan> {
  const d = engine.dialect;
  const profilesDigest = config.matching.enabled
    ? String((await engine.query(profilesDigestSql(d)))[0]?.digest ?? '')
    : null;
  const full = (reason: string): IdentityRunPlan => ({ mode: 'full', reason, profilesDigest });
  const [state] = await engine.query(
    sql('SELECT settings_digest, profiles_digest FROM identity_state'),
  );
  if (state === undefined) return full('no stitched graph kept');
  if (state.settings_digest !== identitySettingsDigest(config))
    return full('identity settings changed');
  if (profilesDigest !== null && state.profiles_digest !== profilesDigest)
    return full('matching profiles changed');
  const removedEdges = await count(engine, removedEdgesCountSql(), 'removed');
  if (removedEdges > 0) return full(`${removedEdges} stored edges no record shows any more`);
  const removedIds = await count(engine, removedIdentifiersCountSql(d, source), 'removed');
  if (removedIds > 0) return full(`${removedIds} identifiers no record shows any more`);

  for (const table of ['identity_new_ids', 'identity_changed_edges', 'identity_touched_persons'])
    await engine.execute(sql(`DELETE FROM ${d.quoteIdentifier(table)}`));
  await engine.execute(
    newIdentifiersSql(d, resolveJunkPolicy({ extra: config.junkValues }), source),
  );
  await engine.execute(changedEdgesSql());
  const [news] = await engine.query(
    sql(
      `SELECT COUNT(*) AS ids, SUM(CASE WHEN junk THEN 1 ELSE 0 END) AS junk FROM identity_new_ids`,
    ),
  );
  const junkIdentifiers = Number(news?.junk ?? 0);
  const changedEdges = await count(
    engine,
    sql('SELECT COUNT(*) AS changed FROM identity_changed_edges'),
    'changed',
  );
  const touched = changedEdges > 0 ? await touchedPersons(engine) : [];
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
    profilesDigest,
    changedEdges,
    newIdentifiers: Number(news?.ids ?? 0) - junkIdentifiers,
    junkIdentifiers,
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
