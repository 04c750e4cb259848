import type { Identity } from './record-semantics.js';

/** A record ready to store, as far as deduplication needs to know it. */
export interface KeyedRecord {
  readonly kind: string;
  readonly identity: Identity;
  /** The record's id, or its content fingerprint when it has none. */
  readonly key: string;
  /** Fingerprint of the record's stored content. */
  readonly hash: string;
}

/** What the warehouse already holds under a key: its content hash and the batch that wrote it. */
export interface StoredKey {
  readonly hash: string;
  readonly batchId: string;
}

export type Decision =
  | { readonly action: 'store' }
  | { readonly action: 'update'; readonly replacesStored: boolean }
  | { readonly action: 'duplicate'; readonly differs: boolean }
  /** Same id, different content, both within `ownBatches` (strict runs refuse these). */
  | { readonly action: 'conflict'; readonly withStored: boolean };

export interface Resolution {
  readonly decisions: readonly Decision[];
  /** Index of the version of each key to write, in first-seen order. */
  readonly writes: readonly number[];
  /** Keys (kind, key) whose stored rows the writes replace. */
  readonly replaced: readonly { kind: string; key: string }[];
}

export const keyOf = (kind: string, key: string): string => `${kind}\u0000${key}`;

/**
 * Decides, in order, what becomes of each record: new ones are stored; an entity whose id is
 * known with other content replaces it (the latest wins); anything else already seen — in the
 * warehouse or earlier in this group — is a duplicate. With `ownBatches`, a different record
 * under an id written by one of those batches (or earlier in the group) is a conflict instead:
 * one input contradicting itself.
 */
export function resolveDuplicates(
  records: readonly KeyedRecord[],
  stored: ReadonlyMap<string, StoredKey>,
  ownBatches?: ReadonlySet<string>,
): Resolution {
  const pending = new Map<string, number>();
  const decisions: Decision[] = [];
  const replaced = new Map<string, { kind: string; key: string }>();
  records.forEach((r, i) => {
    const k = keyOf(r.kind, r.key);
    const earlier = pending.get(k);
    const known = stored.get(k);
    const previousHash =
      earlier === undefined ? known?.hash : (records[earlier] as KeyedRecord).hash;
    if (previousHash === undefined) {
      pending.set(k, i);
      decisions.push({ action: 'store' });
      return;
    }
    const differs = previousHash !== r.hash;
    const own = earlier !== undefined || (known !== undefined && ownBatches?.has(known.batchId));
    if (differs && ownBatches && own) {
      decisions.push({ action: 'conflict', withStored: earlier === undefined });
      return;
    }
    if (r.identity !== 'entity' || !differs) {
      decisions.push({ action: 'duplicate', differs });
      return;
    }
    const replacesStored = earlier === undefined || replaced.has(k);
    if (earlier === undefined) replaced.set(k, { kind: r.kind, key: r.key });
    pending.set(k, i);
    decisions.push({ action: 'update', replacesStored });
  });
  const writes = [...pending.values()].sort((a, b) => a - b);
  return { decisions, writes, replaced: [...replaced.values()] };
}
