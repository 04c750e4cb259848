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
} from '../../engine/sql/privacy/erasure-sql.js';
import { warehouseCatalog } from '../export/warehouse-catalog.js';
import { collectErasureSets, matchColumns } from './collect-erasure-sets.js';
import { ErasureStaging } from './erasure-staging.js';
import { createIngestEnvironment } from '../ingest/create-ingest-environment.js';
import type { IngestEnvironment } from '../ingest/ingest-environment.js';
import { recomputeDerived } from './recompute-derived.js';
import { storedIdentifier } from './stored-identifier.js';
import { tombstoneHash } from './tombstone-hash.js';

export interface EraseOptions {
  /** The config the derived tables are recomputed under (and identifiers normalised by). */
  readonly config: Config;
  /** Who asked (a user or API key name, never the person): kept in the audit log. */
  readonly requestedBy: string;
  /** Count what would go, change nothing. */
  readonly dryRun?: boolean;
  /** The salt of privacy.hash_pii, so the identifier is found in its stored form. */
  readonly piiSalt?: string;
  readonly env?: IngestEnvironment;
  readonly now?: number;
}

/** What an erasure removed (or, dry, would remove). Holds no identifier, only its tombstone. */
export interface ErasureReport {
  readonly erasureId: string;
  readonly identifierType: string;
  readonly tombstoneHash: string;
  readonly dryRun: boolean;
  /** Persons the identifier belonged to (0: not in the identity graph; rows may still match). */
  readonly persons: number;
  readonly tables: readonly { readonly table: string; readonly rows: number }[];
  readonly rowsDeleted: number;
  readonly tombstones: number;
}

class DryRun extends Error {
  constructor(readonly report: ErasureReport) {
    super('dry run');
  }
}

/**
 * Erases a person from every table of the warehouse: finds them by one identifier, takes every
 * identifier of theirs from the identity graph, then every row (any table of the catalog) that
 * holds one of those identifiers, their person id, or the id of a conversation, record or
 * conversion of theirs; dead letters whose payload names them. Records tombstones (so ingest
 * refuses them from now on) and one audit row, then re-derives every aggregate from what is left.
 * All in one transaction; `dryRun` counts and rolls back.
 */
export async function erasePerson(
  engine: Engine,
  identifier: ErasureTarget | string,
  options: EraseOptions,
): Promise<ErasureReport> {
  const target = typeof identifier === 'string' ? parseErasureTarget(identifier) : identifier;
  const env =
    options.env ??
    createIngestEnvironment(options.config, options.piiSalt ? { piiSalt: options.piiSalt } : {});
  const stored = storedIdentifier(env, target.type, target.value);
  if (stored === null)
    throw new UserError(`--identifier ${target.type}:…: not a usable ${target.type}`);
  const erasureId = `er_${randomUUID()}`;
  const now = options.now ?? Date.now();
  try {
    return await engine.transaction(async () => {
      const report = await eraseInside(engine, target, stored, erasureId, now, options);
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
  target: ErasureTarget,
  stored: string,
  erasureId: string,
  now: number,
  options: EraseOptions,
): Promise<ErasureReport> {
  const d = engine.dialect;
  const staging = new ErasureStaging(engine, erasureId);
  const catalog = (await warehouseCatalog(engine)).filter(
    (t) => !ERASURE_KEEPS.has(t.name) && t.name !== 'ingest_staging',
  );
  const { typed, persons } = await collectErasureSets(engine, staging, catalog, {
    type: target.type,
    stored,
  });
  const conversations = staging.values('conversation');
  await staging.add(
    'needle',
    [...staging.values('identifier'), ...conversations, target.value].map((v) =>
      JSON.stringify(v.toLowerCase()),
    ),
  );
  const tables: { table: string; rows: number }[] = [];
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
    tables.push({ table: table.name, rows });
    if (!options.dryRun)
      await engine.execute(
        named
          ? deadLettersNamingSql('delete', erasureId)
          : deleteMatchingSql(d, table.name, match, erasureId),
      );
  }
  const tombstones = new Set([
    ...[...typed].map((k) => {
      const [type = '', value = ''] = k.split('\u0000');
      return tombstoneHash(type, value);
    }),
    ...conversations.map((c) => tombstoneHash('conversation_id', c)),
  ]);
  const hash = tombstoneHash(target.type, stored);
  const rowsDeleted = tables.reduce((n, t) => n + t.rows, 0);
  if (!options.dryRun) {
    await engine.append(
      'tombstones',
      [...tombstones].map((h) => [h, erasureId, now]),
    );
    await engine.append('erasure_audit', [
      [erasureId, options.requestedBy, target.type, hash, now, rowsDeleted, JSON.stringify(tables)],
    ]);
  }
  await staging.clear();
  return {
    erasureId,
    identifierType: target.type,
    tombstoneHash: hash,
    dryRun: options.dryRun ?? false,
    persons,
    tables,
    rowsDeleted,
    tombstones: tombstones.size,
  };
}
