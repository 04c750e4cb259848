import { randomUUID } from 'node:crypto';
import type { Config } from '../../core/config/config.js';
import { UserError } from '../../core/errors.js';
import {
  ERASURE_COLUMNS,
  ERASURE_KEEPS,
  parseErasureTarget,
  type ErasureSet,
  type ErasureTarget,
} from '../../core/privacy/erasure-target.js';
import type { Engine } from '../../engine/engine.js';
import {
  clearErasureStagingSql,
  countMatchingSql,
  deadLettersNamingSql,
  deleteMatchingSql,
  identifiersOfStagedPersonsSql,
  matchingValuesSql,
  stagedPersonsSql,
  type MatchColumn,
} from '../../engine/sql/privacy/erasure-sql.js';
import { warehouseCatalog, type CatalogTable } from '../export/warehouse-catalog.js';
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

/** Id columns whose values, found on a person's rows, join the sets erasure removes. */
const COLLECTED: Readonly<Record<string, ErasureSet>> = {
  conversation_id: 'conversation',
  touchpoint_id: 'record',
  event_id: 'record',
  order_id: 'record',
  ticket_id: 'record',
  conversion_id: 'conversion',
  contact_id: 'identifier',
};

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
  const staged = new Map<ErasureSet | 'needle', Set<string>>();
  const typed = new Set<string>([`${target.type}\u0000${stored}`]);
  const stage = async (set: ErasureSet | 'needle', values: Iterable<string>) => {
    const have = staged.get(set) ?? new Set<string>();
    staged.set(set, have);
    const fresh = [...values].filter((v) => v !== '' && !have.has(v));
    for (const v of fresh) have.add(v);
    if (fresh.length)
      await engine.append(
        'ingest_staging',
        fresh.map((v) => [erasureId, set, v]),
      );
  };
  await stage('identifier', [stored]);
  const persons = (await engine.query(stagedPersonsSql(erasureId))).map((r) => String(r.person_id));
  await stage('person', persons);
  const ids = await engine.query(identifiersOfStagedPersonsSql(erasureId));
  for (const r of ids) typed.add(`${String(r.identifier_type)}\u0000${String(r.identifier_value)}`);
  await stage(
    'identifier',
    ids.map((r) => String(r.identifier_value)),
  );

  const catalog = (await warehouseCatalog(engine)).filter(
    (t) => !ERASURE_KEEPS.has(t.name) && t.name !== 'ingest_staging',
  );
  // Two passes: rows naming the person give their conversations and records; rows of those
  // conversations (events without an identifier, orders carrying the conversation) give the rest.
  for (let pass = 0; pass < 2; pass++) {
    for (const table of catalog) {
      const match = matchColumns(table);
      const collect = table.columns.map((c) => c.name).filter((c) => c in COLLECTED);
      if (!match.length || !collect.length) continue;
      const rows = await engine.query(matchingValuesSql(d, table.name, collect, match, erasureId));
      for (const column of collect) {
        const set = COLLECTED[column] as ErasureSet;
        const values = rows.map((r) => r[column]).filter((v) => v !== null && v !== undefined);
        await stage(set, values.map(String));
        if (column === 'contact_id')
          for (const v of values) typed.add(`crm_contact_id\u0000${String(v)}`);
        // A conversation and a contact are records of their own kinds too (record_keys).
        if (set === 'conversation' || column === 'contact_id')
          await stage('record', values.map(String));
      }
    }
  }
  const needles = [
    ...(staged.get('identifier') ?? []),
    ...(staged.get('conversation') ?? []),
    target.value,
  ].map((v) => JSON.stringify(v.toLowerCase()));
  await stage('needle', needles);

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
  const tombstones = [
    ...[...typed].map((k) => {
      const [type = '', value = ''] = k.split('\u0000');
      return tombstoneHash(type, value);
    }),
    ...[...(staged.get('conversation') ?? [])].map((c) => tombstoneHash('conversation_id', c)),
  ];
  const unique = [...new Set(tombstones)];
  const hash = tombstoneHash(target.type, stored);
  const rowsDeleted = tables.reduce((n, t) => n + t.rows, 0);
  if (!options.dryRun) {
    await engine.append(
      'tombstones',
      unique.map((h) => [h, erasureId, now]),
    );
    await engine.append('erasure_audit', [
      [erasureId, options.requestedBy, target.type, hash, now, rowsDeleted, JSON.stringify(tables)],
    ]);
  }
  await engine.execute(clearErasureStagingSql(erasureId));
  return {
    erasureId,
    identifierType: target.type,
    tombstoneHash: hash,
    dryRun: options.dryRun ?? false,
    persons: persons.length,
    tables,
    rowsDeleted,
    tombstones: unique.length,
  };
}

function matchColumns(table: CatalogTable): MatchColumn[] {
  return table.columns.flatMap((c) => {
    const set = ERASURE_COLUMNS[c.name];
    return set === undefined ? [] : [{ column: c.name, set }];
  });
}
