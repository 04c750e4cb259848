import { isSourceKind } from '../../core/canonical/source-kinds.js';
import { checkEvolution } from '../../core/contracts/check-evolution.js';
import type { Contract, ContractOrigin } from '../../core/contracts/contract.js';
import { isJsonObject } from '../../core/contracts/json-schema.js';
import {
  compareSchemaVer,
  formatSchemaVer,
  parseSchemaVer,
} from '../../core/contracts/schema-ver.js';
import { describeProblem, UserError, type Problem } from '../../core/errors.js';
import type { Engine } from '../../engine/engine.js';
import { registeredContractsSql } from '../../engine/sql/contracts-sql.js';
import { canonicalJson } from '../../core/values/canonical-json.js';

/**
 * Records the contracts in force in the warehouse, after checking each against the versions
 * registered before: a schema changed under the same version, or changed in a way that breaks
 * earlier records without a new MODEL, is refused (UserError naming every problem). Returns the
 * older registered versions, which records that name their version are still checked against.
 */
export async function registerContracts(
  engine: Engine,
  contracts: readonly Contract[],
): Promise<Contract[]> {
  const registered = (await engine.query(registeredContractsSql())).flatMap(toContract);
  const problems: Problem[] = [];
  const fresh: Contract[] = [];
  for (const next of contracts) {
    const versions = registered
      .filter((c) => c.type === next.type)
      .sort((a, b) => compareSchemaVer(b.version, a.version));
    const same = versions.find((c) => compareSchemaVer(c.version, next.version) === 0);
    const previous = same ?? versions[0];
    if (previous) problems.push(...checkEvolution(previous, next));
    if (!same) fresh.push(next);
  }
  if (problems.length)
    throw new UserError(`contract changes refused: ${problems.map(describeProblem).join('; ')}`);
  if (fresh.length) {
    const now = Date.now();
    await engine.append(
      'contracts',
      fresh.map((c) => [
        c.type,
        formatSchemaVer(c.version),
        c.kind,
        c.origin,
        canonicalJson(c.schema),
        now,
      ]),
    );
  }
  const current = new Set(contracts.map((c) => `${c.type}@${formatSchemaVer(c.version)}`));
  return registered.filter((c) => !current.has(`${c.type}@${formatSchemaVer(c.version)}`));
}

function toContract(row: Readonly<Record<string, unknown>>): Contract[] {
  const version = parseSchemaVer(String(row.version));
  const kind = String(row.kind);
  const schema: unknown = JSON.parse(String(row.schema));
  if (!version || !isSourceKind(kind) || !isJsonObject(schema)) return [];
  return [
    {
      type: String(row.contract_type),
      version,
      kind,
      origin: String(row.origin) as ContractOrigin,
      description: '',
      schema,
    },
  ];
}
