import { fieldsOf, IDENTIFIER_FIELDS, type SourceKind } from '../../core/canonical/source-kinds.js';
import { deadLetter } from '../../core/ingest/step-result.js';
import type { Engine } from '../../engine/engine.js';
import { sql } from '../../engine/sql/sql-statement.js';
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

/**
 * The erasure check of the ingest path: a record carrying an identifier or conversation id of
 * an erased person becomes a dead letter with reason `erased` (its payload not kept), so a
 * replay or a late event cannot bring them back. Cheap when nobody was erased: one query.
 */
export async function dropErased(
  engine: Engine,
  batches: readonly IngestBatch[],
): Promise<readonly IngestBatch[]> {
  const rows = await engine.query(sql('SELECT tombstone_hash FROM tombstones'));
  if (!rows.length) return batches;
  const tombs = new Set(rows.map((r) => String(r.tombstone_hash)));
  const erased = (item: BatchItem): boolean => {
    if (item.result.status !== 'ok') return false;
    const { kind, row } = item.result.value;
    return positions(kind).some(({ index, type }) => {
      const value = row[index];
      return typeof value === 'string' && tombs.has(tombstoneHash(type, value));
    });
  };
  return batches.map((b) =>
    b.items.some(erased)
      ? { ...b, items: b.items.map((it) => (erased(it) ? { result: ERASED, raw: () => '' } : it)) }
      : b,
  );
}
