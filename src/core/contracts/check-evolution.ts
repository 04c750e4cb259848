import type { Problem } from '../errors.js';
import { breakingChanges } from './breaking-changes.js';
import type { Contract } from './contract.js';
import { compareSchemaVer, formatSchemaVer } from './schema-ver.js';
import { canonicalJson } from '../values/canonical-json.js';

/**
 * Whether `next` may follow `previous`, the newest version of the same type convrev has seen:
 * the same version must mean the same schema, versions never go back, and a change that breaks
 * records valid under `previous` needs a new MODEL. Empty when the evolution is allowed.
 */
export function checkEvolution(previous: Contract, next: Contract): Problem[] {
  const from = formatSchemaVer(previous.version);
  const to = formatSchemaVer(next.version);
  const where = { field: next.type };
  const order = compareSchemaVer(next.version, previous.version);
  const same = canonicalJson(previous.schema) === canonicalJson(next.schema);
  if (order === 0) {
    return same
      ? []
      : [
          {
            code: 'changed_without_version_bump',
            message: `contract ${next.type} ${to} differs from the ${to} already registered; give the change a new version`,
            location: where,
          },
        ];
  }
  if (order < 0) {
    return [
      {
        code: 'version_went_backwards',
        message: `contract ${next.type} ${to} is older than the registered ${from}`,
        location: where,
      },
    ];
  }
  const breaking = breakingChanges(previous.schema, next.schema);
  if (breaking.length === 0 || next.version.model > previous.version.model) return [];
  return [
    {
      code: 'breaking_change_needs_model_bump',
      message: `contract ${next.type} ${from} → ${to} breaks records valid under ${from} (${breaking.map((b) => b.message).join('; ')}); bump MODEL (${previous.version.model + 1}-0-0) to make a breaking change`,
      location: where,
    },
  ];
}
