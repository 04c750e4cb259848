import { UserError } from '../../core/errors.js';
import type { ErasureReport } from '../../pipeline/privacy/erase-person.js';
import type { ServerClient } from './server-client.js';

interface ErasureAnswer {
  readonly erasure_id: string;
  readonly identifier_type: string;
  readonly dry_run: boolean;
  readonly persons: number;
  readonly linked_persons?: readonly {
    readonly person_id: string;
    readonly identifier_types: readonly string[];
    readonly erased: boolean;
  }[];
  readonly rows_deleted: number;
  readonly tombstones: number;
  readonly tables: ErasureReport['tables'];
}

/** `convrev erase` through the server holding the warehouse (POST /v1/admin/erase). */
export async function eraseThroughServer(
  server: ServerClient,
  identifiers: readonly string[],
  options: { readonly dryRun: boolean; readonly linked: boolean },
): Promise<ErasureReport> {
  const [identifier, ...more] = identifiers;
  if (identifier === undefined || more.length)
    throw new UserError(
      `erase through convrev serve at ${server.state.url} takes one --identifier (its API erases one at a time): give one, or stop the server`,
    );
  const a = await server.send<ErasureAnswer>('POST', '/v1/admin/erase', {
    identifier,
    dry_run: options.dryRun,
    linked: options.linked,
  });
  return {
    erasureId: a.erasure_id,
    identifierType: a.identifier_type,
    // The API does not show the tombstone's hash; nothing prints it.
    tombstoneHash: '',
    dryRun: a.dry_run,
    persons: a.persons,
    linked: (a.linked_persons ?? []).map((l) => ({
      personId: l.person_id,
      identifierTypes: l.identifier_types,
      erased: l.erased,
    })),
    tables: a.tables,
    rowsDeleted: a.rows_deleted,
    tombstones: a.tombstones,
  };
}
