import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { isSourceKind } from '../../core/canonical/source-kinds.js';
import type { Contract } from '../../core/contracts/contract.js';
import { isJsonObject, type JsonSchema } from '../../core/contracts/json-schema.js';
import { parseSchemaVer } from '../../core/contracts/schema-ver.js';

/**
 * The contracts folder shipped with the package. src/adapters/contracts and
 * dist/adapters/contracts both sit three levels below the package root.
 */
export function contractsDir(): string {
  return fileURLToPath(new URL('../../../contracts/', import.meta.url));
}

let cache: { events: Contract[]; envelope: JsonSchema } | undefined;

/** The built-in event contracts (contracts/events/*.json), read once per process. */
export function readEventContracts(): Contract[] {
  return load().events;
}

/** The event envelope (contracts/event-envelope.json) user contracts extend. */
export function readEventEnvelope(): JsonSchema {
  return load().envelope;
}

function load(): { events: Contract[]; envelope: JsonSchema } {
  if (cache) return cache;
  const dir = join(contractsDir(), 'events');
  const events = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => toContract(readJson(join(dir, f)), f));
  cache = { events, envelope: readJson(join(contractsDir(), 'event-envelope.json')) };
  return cache;
}

function readJson(path: string): JsonSchema {
  const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isJsonObject(value)) throw new Error(`${path} is not a JSON Schema object`);
  return value;
}

function toContract(schema: JsonSchema, file: string): Contract {
  const self = isJsonObject(schema.self) ? schema.self : {};
  const version = typeof self.version === 'string' ? parseSchemaVer(self.version) : null;
  const kind = typeof self.kind === 'string' ? self.kind : '';
  if (typeof self.name !== 'string' || !version || !isSourceKind(kind))
    throw new Error(
      `contracts/events/${file}: self needs name, a SchemaVer version and a record kind`,
    );
  return {
    type: self.name,
    version,
    kind,
    origin: 'event',
    description: typeof schema.description === 'string' ? schema.description : '',
    schema,
  };
}
