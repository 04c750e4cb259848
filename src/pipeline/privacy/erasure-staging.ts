import type { ErasureSet } from '../../core/privacy/erasure-target.js';
import type { Engine } from '../../engine/engine.js';
import { clearErasureStagingSql } from '../../engine/sql/privacy/erasure-sql.js';

/**
 * A staged set: the erasure's value sets, `needle`s and `hint`s searched for in free text, `text`s
 * found to name the person, and the `seed` identifiers linked persons are found from (`cooccur`, then `linked`).
 */
export type StagedSet = ErasureSet | 'needle' | 'hint' | 'text' | 'seed' | 'cooccur' | 'linked';

/**
 * The value sets of one erasure, kept here and staged in ingest_staging (under the erasure id)
 * so every table's rows are matched against them in SQL, however large they grow.
 */
export class ErasureStaging {
  private readonly sets = new Map<StagedSet, Set<string>>();

  constructor(
    private readonly engine: Engine,
    readonly id: string,
  ) {}

  /** Adds values to a set (staging only those not there yet). */
  async add(set: StagedSet, values: Iterable<string>): Promise<void> {
    const have = this.sets.get(set) ?? new Set<string>();
    this.sets.set(set, have);
    const fresh = [...new Set(values)].filter((v) => v !== '' && !have.has(v));
    for (const v of fresh) have.add(v);
    if (fresh.length)
      await this.engine.append(
        'ingest_staging',
        fresh.map((v) => [this.id, set, v]),
      );
  }

  values(set: StagedSet): readonly string[] {
    return [...(this.sets.get(set) ?? [])];
  }

  clear(): Promise<void> {
    return this.engine.execute(clearErasureStagingSql(this.id));
  }
}
