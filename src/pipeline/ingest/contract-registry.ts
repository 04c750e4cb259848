import { Ajv, type ValidateFunction } from 'ajv';
import type { Contract } from '../../core/contracts/contract.js';
import {
  compareSchemaVer,
  formatSchemaVer,
  parseSchemaVer,
} from '../../core/contracts/schema-ver.js';
import { parseDate, parseTimestamp } from '../../core/values/parse-timestamp.js';

/** A contract with its compiled validator. */
export interface CompiledContract {
  readonly contract: Contract;
  readonly validate: ValidateFunction;
}

export type ContractLookup =
  | { readonly ok: true; readonly compiled: CompiledContract }
  | {
      readonly ok: false;
      readonly code: 'unknown_event_type' | 'unknown_schema_version';
      readonly message: string;
    };

/**
 * Every contract records are checked against, each version compiled once with Ajv. Formats
 * `date-time` and `date` accept exactly what the file loader's timestamp parser accepts, so a
 * record is valid in JSON exactly when it would be in a file.
 */
export class ContractRegistry {
  private readonly byType = new Map<string, CompiledContract[]>();

  constructor(contracts: readonly Contract[]) {
    // strictRequired off: anyOf branches name fields the parent schema defines (identity.identify).
    const ajv = new Ajv({
      allErrors: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true,
    });
    ajv.addKeyword({ keyword: 'self', schemaType: 'object' });
    ajv.addFormat('date-time', { type: 'string', validate: (s) => parseTimestamp(s) !== null });
    ajv.addFormat('date', { type: 'string', validate: (s) => parseDate(s) !== null });
    for (const contract of contracts) {
      // $id names a schema inside Ajv; two versions of one type must not collide.
      const schema = Object.fromEntries(
        Object.entries(contract.schema).filter(([k]) => k !== '$id'),
      );
      const list = this.byType.get(contract.type) ?? [];
      list.push({ contract, validate: ajv.compile(schema) });
      list.sort((a, b) => compareSchemaVer(b.contract.version, a.contract.version));
      this.byType.set(contract.type, list);
    }
  }

  /** The newest version of every type, sorted by type. */
  list(): Contract[] {
    return [...this.byType.values()]
      .map((versions) => (versions[0] as CompiledContract).contract)
      .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  }

  /** Every version of one type, newest first. */
  versions(type: string): Contract[] {
    return (this.byType.get(type) ?? []).map((c) => c.contract);
  }

  /** The contract of a type at the version asked for, or the newest when none is. */
  resolve(type: string, version?: string): ContractLookup {
    const versions = this.byType.get(type);
    if (!versions) {
      return { ok: false, code: 'unknown_event_type', message: `no contract for type ${type}` };
    }
    if (version === undefined) return { ok: true, compiled: versions[0] as CompiledContract };
    const wanted = parseSchemaVer(version);
    const found =
      wanted && versions.find((c) => compareSchemaVer(c.contract.version, wanted) === 0);
    if (found) return { ok: true, compiled: found };
    const known = versions.map((c) => formatSchemaVer(c.contract.version)).join(', ');
    return {
      ok: false,
      code: 'unknown_schema_version',
      message: `type ${type} has no version ${version} (known: ${known})`,
    };
  }
}
