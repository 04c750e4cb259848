import { randomUUID } from 'node:crypto';
import type { Config } from '../../core/config/config.js';
import { UserError } from '../../core/errors.js';
import {
  ERASURE_KEEPS,
  parseErasureTarget,
  type ErasureTarget,
} from '../../core/privacy/erasure-target.js';
import type { Engine } from '../../engine/engine.js';
import {
  countMatchingSql,
  deadLettersNamingSql,
  deleteMatchingSql,
  stagedPersonsSql,
} from '../../engine/sql/privacy/erasure-sql.js';
import { warehouseCatalog } from '../export/warehouse-catalog.js';
import { collectErasureSets, matchColumns } from './collect-erasure-sets.js';
import { eraseNamingTexts } from './erase-naming-texts.js';
import { tombstonesOf } from './erasure-keys.js';
import { ErasureStaging } from './erasure-staging.js';
import { createIngestEnvironment } from '../ingest/create-ingest-environment.js';
import type { IngestEnvironment } from '../ingest/ingest-environment.js';
import { findLinkedPersons, type LinkedPerson } from './linked-persons.js';
import { recomputeDerived } from './recompute-derived.js';
import { storedIdentifier } from './stored-identifier.js';
import { tombstoneHash } from './tombstone-hash.js';
import { writeErasureAudit } from './write-erasure-audit.js';

export interface EraseOptions {
  /** The config the derived tables are recomputed under (and identifiers normalised by). */
  readonly config: Config;
  /** Who asked (a user or API key name, never the person): kept in the audit log. */
  readonly requestedBy: string;
  /** Count what would go, change nothing. */
  readonly dryRun?: boolean;
  /** Erase the linked persons too (see `linked` in the report). */
  readonly linked?: boolean;
  /** The salt of privacy.hash_pii, so the identifier is found in its stored form. */
  readonly piiSalt?: string;
  readonly env?: IngestEnvironment;
  readonly now?: number;
}

/** A person a record links to the identifiers asked for, and whether this erasure took them. */
export interface ReportedLink extends LinkedPerson {
  readonly erased: boolean;
}

/** What an erasure removed (or, dry, would remove). Holds no identifier, only its tombstone. */
export interface ErasureReport {
  readonly erasureId: string;
  /** The types of the identifiers asked for, comma-separated in the order given. */
  readonly identifierType: string;
  /** The tombstone of the (first) identifier asked for. */
  readonly tombstoneHash: string;
  readonly dryRun: boolean;
  /** Persons erased (0: not in the identity graph; rows may still match). */
  readonly persons: number;
  /**
   * Other persons reachable through any identifier on any record that also carries one of the
   * identifiers asked for: the identity stage kept them apart, yet they may be the same human.
   * Erased with them only under `linked`.
   */
  readonly linked: readonly ReportedLink[];
  readonly tables: readonly { readonly table: string; readonly rows: number }[];
  readonly rowsDeleted: number;
  readonly tombstones: number;
}

class DryRun extends Error {
  constructor(readonly report: ErasureReport) {
    super('dry run');
  }
}

/** An identifier asked for, in the form the warehouse stores it and, unhashed, normalised. */
interface Asked {
  readonly target: ErasureTarget;
  readonly stored: string;
  readonly plain: string | null;
}

/**
 * Erases a person from every table of the warehouse: finds them by one or more identifiers, takes
 * every identifier of theirs from the identity graph, then every row (any table of the catalog)
 * that holds one of those identifiers, their person id, or the id of a conversation, record or
 * conversion of theirs; rows whose free text (event properties, dead-letter payloads) names them
 * in any format. Finds the linked persons first (records joining them to the identifiers asked
 * for) and reports them, erasing them too under `linked`. Records tombstones (so ingest refuses
 * them from now on) and one audit row, then re-derives every aggregate from what is left. All in
 * one transaction; `dryRun` counts and rolls back.
 */
export async function erasePerson(
  engine: Engine,
  identifier: ErasureTarget | string | readonly (ErasureTarget | string)[],
  options: EraseOptions,
): Promise<ErasureReport> {
  const targets = (Array.isArray(identifier) ? identifier : [identifier]).map((i) =>
    typeof i === 'string' ? parseErasureTarget(i) : (i as ErasureTarget),
  );
  if (!targets.length) throw new UserError('--identifier: give at least one TYPE:VALUE');
  const env =
    options.env ??
    createIngestEnvironment(options.config, options.piiSalt ? { piiSalt: options.piiSalt } : {});
  const country = env.normalise.defaultCountryCode;
  const unhashed: IngestEnvironment = {
    ...env,
    normalise: country === undefined ? {} : { defaultCountryCode: country },
  };
  const asked: Asked[] = targets.map((target) => {
    const stored = storedIdentifier(env, target.type, target.value);
    if (stored === null)
      throw new UserError(`--identifier ${target.type}:…: not a usable ${target.type}`);
    return { target, stored, plain: storedIdentifier(unhashed, target.type, target.value) };
  });
  const erasureId = `er_${randomUUID()}`;
  const now = options.now ?? Date.now();
  try {
    return await engine.transaction(async () => {
      const report = await eraseInside(engine, asked, env, erasureId, now, options);
      if (options.dryRun) throw new DryRun(report);
      await recomputeDerived(engine, options.config, env, erasureId);
      return report;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    throw error;
  }
}

async function eraseInside(
  engine: Engine,
  asked: readonly Asked[],
  env: IngestEnvironment,
  erasureId: string,
  now: number,
  options: EraseOptions,
): Promise<ErasureReport> {
  const d = engine.dialect;
  const staging = new ErasureStaging(engine, erasureId);
  const catalog = (await warehouseCatalog(engine)).filter(
    (t) => !ERASURE_KEEPS.has(t.name) && t.name !== 'ingest_staging',
  );
  await staging.add(
    'seed',
    asked.map((a) => a.stored),
  );
  const own = await engine.query(stagedPersonsSql(staging.id, 'seed'));
  const ownPersons = new Set(own.map((r) => String(r.person_id)));
  const linked = await findLinkedPersons(engine, staging, catalog, ownPersons);
  const persons = [...ownPersons, ...(options.linked ? linked.map((l) => l.personId) : [])];
  const { typed } = await collectErasureSets(
    engine,
    staging,
    catalog,
    asked.map((a) => ({ type: a.target.type, stored: a.stored })),
    persons,
  );
  const conversations = staging.values('conversation');
  const plains = asked.flatMap((a) => (a.plain === null ? [] : [a.plain]));
  await staging.add(
    'needle',
    [...staging.values('identifier'), ...conversations, ...asked.map((a) => a.target.value)].map(
      (v) => JSON.stringify(v.toLowerCase()),
    ),
  );
  const tombstones = new Set([
    ...[...typed].flatMap((k) => {
      const [type = '', value = ''] = k.split('\u0000');
      return tombstonesOf(type, value);
    }),
    ...conversations.flatMap((c) => tombstonesOf('conversation_id', c)),
  ]);
  const counts = new Map<string, number>();
  for (const table of catalog) {
    const match = matchColumns(table);
    const named = table.name === 'dead_letters';
    if (!match.length && !named) continue;
    const statement = named
      ? deadLettersNamingSql('count', erasureId)
      : countMatchingSql(d, table.name, match, erasureId);
    const [row] = await engine.query(statement);
    const rows = Number(row?.n ?? 0);
    if (rows === 0) continue;
    counts.set(table.name, rows);
    // A dry run deletes too and rolls back, so rows matched twice are counted once.
    await engine.execute(
      named
        ? deadLettersNamingSql('delete', erasureId)
        : deleteMatchingSql(d, table.name, match, erasureId),
    );
  }
  await staging.add('hint', textHints([...staging.values('identifier'), ...plains]));
  for (const t of await eraseNamingTexts(engine, staging, catalog, tombstones, env.normalise))
    counts.set(t.table, (counts.get(t.table) ?? 0) + t.rows);
  const tables = [...counts].map(([table, rows]) => ({ table, rows }));
  const first = asked[0] as Asked;
  const hash = tombstoneHash(first.target.type, first.stored);
  const rowsDeleted = tables.reduce((n, t) => n + t.rows, 0);
  const reported = linked.map((l) => ({ ...l, erased: options.linked ?? false }));
  if (!options.dryRun) {
    await engine.append(
      'tombstones',
      [...tombstones].map((h) => [h, erasureId, now]),
    );
    await writeErasureAudit(engine, {
      erasureId,
      requestedBy: options.requestedBy,
      identifierType: asked.map((a) => a.target.type).join(','),
      tombstoneHash: asked.map((a) => tombstoneHash(a.target.type, a.stored)).join(','),
      erasedAt: now,
      rowsDeleted,
      tables,
      linked: reported,
    });
  }
  await staging.clear();
  return {
    erasureId,
    identifierType: asked.map((a) => a.target.type).join(','),
    tombstoneHash: hash,
    dryRun: options.dryRun ?? false,
    persons: persons.length,
    linked: reported,
    tables,
    rowsDeleted,
    tombstones: tombstones.size,
  };
}

/**
 * Substrings a free text naming the person must contain, lower-cased: each identifier value,
 * and for a phone its last four digits (formats differ: `602 299 9153`, `(602) 299-9153`).
 */
function textHints(values: readonly string[]): string[] {
  return values.flatMap((v) => {
    const lower = v.toLowerCase();
    return /^\+?\d{7,15}$/.test(v) ? [lower, v.slice(-4)] : [lower];
  });
}
