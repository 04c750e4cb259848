import { fieldsOf, IDENTIFIER_FIELDS, type SourceKind } from '../../core/canonical/source-kinds.js';
import { deadLetter } from '../../core/ingest/step-result.js';
import { payloadValues } from '../../core/privacy/payload-values.js';
import type { Engine } from '../../engine/engine.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { phoneKeys, valueKeys } from '../privacy/erasure-keys.js';
import { tombstoneHash } from '../privacy/tombstone-hash.js';
import type { BatchItem, IngestBatch } from './ingest-batch.js';

/** Per kind: the landing row positions holding identifiers or a conversation id, and their type. */
const TOMBSTONED = new Map<SourceKind, readonly { index: number; type: string }[]>();
function positions(kind: SourceKind): readonly { index: number; type: string }[] {
  let found = TOMBSTONED.get(kind);
  if (!found) {
    const types: Record<string, string> = {
      ...Object.fromEntries(IDENTIFIER_FIELDS.map((f) => [f, f])),
      contact_id: 'crm_contact_id',
      conversation_id: 'conversation_id',
    };
    found = fieldsOf(kind).flatMap((f, index) => {
      const type = types[f.name];
      return type === undefined ? [] : [{ index, type }];
    });
    TOMBSTONED.set(kind, found);
  }
  return found;
}

const ERASED = deadLetter<never>([
  { code: 'erased', message: 'the record names an erased person; it is not stored' },
]);

/** The keys of a stored row's identifier values (a phone also by its national digits). */
function rowKeys(item: BatchItem): string[] {
  if (item.result.status !== 'ok') return [];
  const { kind, row } = item.result.value;
  return positions(kind).flatMap(({ index, type }) => {
    const value = row[index];
    if (typeof value !== 'string') return [];
    if (type === 'phone' && !item.normalise?.hash) return phoneKeys(value, {});
    return [tombstoneHash(type, value)];
  });
}

/**
 * The erasure check of every ingest path, before anything is stored: a record that names an
 * erased person becomes a dead letter with reason `erased` and no payload, so neither a replay,
 * a late event nor a record failing its contract brings them back. A record names them when an
 * identifier or conversation id of its row, or any value anywhere in its payload as received
 * (properties, nested objects, fields the contract refused), put in the stored form of an
 * identifier, has a tombstone (see privacy/erasure-keys.ts). Its original reasons go too: they
 * may quote the values. Cheap when nobody was erased: one query.
 */
export async function dropErased(
  engine: Engine,
  batches: readonly IngestBatch[],
): Promise<readonly IngestBatch[]> {
  const rows = await engine.query(sql('SELECT tombstone_hash FROM tombstones'));
  if (!rows.length) return batches;
  const tombs = new Set(rows.map((r) => String(r.tombstone_hash)));
  const erased = (item: BatchItem): boolean => {
    if (item.result.status === 'duplicate') return false;
    if (rowKeys(item).some((k) => tombs.has(k))) return true;
    const normalise = item.normalise ?? {};
    return payloadValues(rawText(item)).some((v) =>
      valueKeys(v, normalise).some((k) => tombs.has(k)),
    );
  };
  return batches.map((b) => {
    const flags = b.items.map(erased);
    return flags.some(Boolean)
      ? { ...b, items: b.items.map((it, i) => (flags[i] ? { result: ERASED, raw: () => '' } : it)) }
      : b;
  });
}

/** The payload as received; a payload that cannot be serialised has no text to test. */
function rawText(item: BatchItem): string {
  try {
    return item.raw();
  } catch {
    return '';
  }
}
