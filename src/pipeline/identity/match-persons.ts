import type { IdentityMatchingConfig } from '../../core/config/config.js';
import { splitIdentifierKey } from '../../core/identity/identifier-key.js';
import { matchRecordsSteps, type MatchPhase } from '../../core/matching/match-records.js';
import { runStepsWithTurns } from '../../engine/loop-turns.js';
import {
  profileMatchConfig,
  type PersonProfile,
} from '../../core/matching/profile-match-config.js';
import type { ProfileEvidence } from './read-person-profiles.js';

/** A probabilistic link between two deterministic persons, named by an identifier of each. */
export interface ProbabilisticLink {
  /** Deterministic components (smallest node number) the link joins. */
  readonly leftComponent: number;
  readonly rightComponent: number;
  readonly leftKey: string;
  readonly rightKey: string;
  /** The records whose profiles were compared, `contact:C1 ~ event:E9`. */
  readonly records: string;
  readonly probability: number;
  readonly weight: number;
  /** `field=level` of every field with evidence, e.g. `email=levenshtein<=2; phone=exact`. */
  readonly levels: string;
}

/** A link the clustering guard refused (it would have chained or joined two CRM contacts). */
export interface RefusedLink {
  readonly leftKey: string;
  readonly rightKey: string;
  readonly probability: number;
  readonly reason: string;
  readonly detail: string;
}

export interface PersonMatching {
  readonly records: number;
  readonly candidates: number;
  /** Blocks left uncompared: over max_block_size, or past the max_candidate_pairs budget. */
  readonly skippedBlocks: number;
  readonly links: readonly ProbabilisticLink[];
  readonly refused: readonly RefusedLink[];
}

const IDENTIFIER_FIELDS_MATCHED = new Set(['email', 'phone', 'crm_contact_id', 'user_id']);

/** `crm_contact_id:C1` for an identifier key. */
function label(key: string): string {
  const { type, value } = splitIdentifierKey(key);
  return `${type}:${value}`;
}

type Draft = { -readonly [K in keyof PersonProfile]: PersonProfile[K] };

const NONE: PersonMatching = {
  records: 0,
  candidates: 0,
  skippedBlocks: 0,
  links: [],
  refused: [],
};

/**
 * The identifiers matching needs: the key of a node, and every node of the persons that carry a
 * profile (the only ones whose identifiers fill a record).
 */
export interface ProfileNodes {
  keyOf(node: number): string;
  readonly members: Iterable<number>;
}

/**
 * Fellegi–Sunter over the persons deterministic stitching produced that carry a profile (a CRM
 * contact, a lead's typed name): one record per person, its smallest email and phone, its CRM
 * contact and login (unique fields: two contacts join only as duplicates above the stricter
 * threshold, two logins never). Persons without a profile have nothing to compare but an
 * identifier they do not share, and are left out.
 */
export async function matchPersons(
  graph: ProfileNodes,
  component: Int32Array,
  evidence: readonly ProfileEvidence[],
  config: IdentityMatchingConfig,
  onPhase?: (phase: MatchPhase) => void,
): Promise<PersonMatching> {
  if (!config.enabled) return NONE;
  const recordOf = new Map<number, number>();
  const components: number[] = [];
  const anchors: string[] = [];
  const sources: string[] = [];
  const records: Draft[] = [];
  for (const e of evidence) {
    const c = component[e.node]!;
    let r = recordOf.get(c);
    if (r === undefined) {
      r = records.length;
      recordOf.set(c, r);
      components.push(c);
      anchors.push(graph.keyOf(e.node));
      sources.push(e.record);
      records.push({
        first_name: null,
        last_name: null,
        email: null,
        phone: null,
        company: null,
        crm_contact_id: null,
        user_id: null,
      });
    }
    const rec = records[r]!;
    // The first profile of a person wins each field (contacts come first, in id order).
    for (const f of ['first_name', 'last_name', 'company'] as const)
      if (rec[f] === null && e[f] !== null) rec[f] = e[f];
  }
  if (records.length < 2) return { ...NONE, records: records.length };
  for (const v of graph.members) {
    const r = recordOf.get(component[v]!);
    if (r === undefined) continue;
    const { type, value } = splitIdentifierKey(graph.keyOf(v));
    const rec = records[r]!;
    if (IDENTIFIER_FIELDS_MATCHED.has(type)) {
      const current = rec[type] ?? null;
      if (current === null || value < current) rec[type] = value;
    }
  }
  // In steps: the server matches beside its collector (engine/loop-turns.ts).
  const run = await runStepsWithTurns(
    matchRecordsSteps<PersonProfile>(records, {
      ...profileMatchConfig(config),
      ...(onPhase ? { onPhase } : {}),
    }),
  );
  const links = run.matches.map((m) => ({
    leftComponent: components[m.left]!,
    rightComponent: components[m.right]!,
    leftKey: anchors[m.left]!,
    rightKey: anchors[m.right]!,
    records: `${sources[m.left]!} ~ ${sources[m.right]!}`,
    probability: m.probability,
    weight: m.weight,
    levels: m.fields
      .filter((f) => f.label !== 'null')
      .map((f) => `${f.field}=${f.label}`)
      .join('; '),
  }));
  const refused = run.clustering.refused.map((r) => ({
    leftKey: anchors[r.edge.left]!,
    rightKey: anchors[r.edge.right]!,
    probability: r.edge.probability,
    reason: `probabilistic_${r.reason}`,
    // The guard names records by index; the audit names them by an identifier of each.
    detail: r.conflict
      ? `${r.reason === 'unique_conflict' ? 'two CRM contacts or logins' : 'would join'} ${label(anchors[r.conflict.left]!)} and ${label(anchors[r.conflict.right]!)}, which score ${r.conflict.probability.toPrecision(3)}`
      : r.detail,
  }));
  const skippedBlocks = run.blocking.reduce(
    (n, s) => n + s.oversizeBlocks.length + s.overBudgetBlocks,
    0,
  );
  return {
    records: records.length,
    candidates: run.candidates.length,
    skippedBlocks,
    links,
    refused,
  };
}
