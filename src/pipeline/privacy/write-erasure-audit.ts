import type { Engine } from '../../engine/engine.js';
import type { ReportedLink } from './erase-person.js';

/** One erasure as its audit row holds it: who asked, what (types and tombstones), what went. */
export interface ErasureAuditEntry {
  readonly erasureId: string;
  readonly requestedBy: string;
  readonly identifierType: string;
  readonly tombstoneHash: string;
  readonly erasedAt: number;
  readonly rowsDeleted: number;
  readonly tables: readonly { readonly table: string; readonly rows: number }[];
  /** The linked persons found, erased or left: the log shows who may be the same human. */
  readonly linked: readonly ReportedLink[];
}

/** Appends the erasure's audit row; it holds tombstones and person ids, never an identifier. */
export async function writeErasureAudit(engine: Engine, e: ErasureAuditEntry): Promise<void> {
  const linked = e.linked.map((l) => ({
    person_id: l.personId,
    identifier_types: l.identifierTypes,
    erased: l.erased,
  }));
  await engine.append('erasure_audit', [
    [
      e.erasureId,
      e.requestedBy,
      e.identifierType,
      e.tombstoneHash,
      e.erasedAt,
      e.rowsDeleted,
      JSON.stringify(e.tables),
      JSON.stringify(linked),
    ],
  ]);
}
