import {
  SOURCE_KIND_NAMES,
  fieldsOf,
  type FieldSpec,
  type SourceKind,
} from '../canonical/source-kinds.js';
import { RECORD_TYPE_PREFIX, type Contract } from './contract.js';
import type { JsonSchema, JsonType } from './json-schema.js';
import { parseSchemaVer, type SchemaVer } from './schema-ver.js';

/**
 * Versions of the record-kind contracts. They are derived from SOURCE_KINDS, so a change there
 * changes the contract: bump the version here by SchemaVer's rules (the compatibility test in
 * record-contracts.test.ts compares against the last published shape).
 */
const VERSIONS: Record<SourceKind, string> = {
  touchpoints: '1-0-0',
  conversations: '1-0-0',
  conversation_events: '1-0-0',
  accounts: '1-0-0',
  contacts: '1-0-0',
  opportunities: '1-0-0',
  orders: '1-0-0',
  tickets: '1-0-0',
  spend: '1-0-0',
};

/** JSON Schema of one canonical field as a JSON payload carries it. */
export function fieldSchema(field: FieldSpec): JsonSchema {
  const nullable = (type: 'string' | 'number' | 'boolean'): JsonType | JsonType[] =>
    field.required ? type : [type, 'null'];
  switch (field.type) {
    case 'text':
      return { type: nullable('string'), ...(field.required ? { minLength: 1 } : {}) };
    case 'timestamp':
      return { type: nullable('string'), format: 'date-time' };
    case 'date':
      return { type: nullable('string'), format: 'date' };
    case 'amount':
      return { type: nullable('number'), minimum: 0 };
    case 'number':
      return {
        type: nullable('number'),
        ...(field.min === undefined ? {} : { minimum: field.min }),
        ...(field.max === undefined ? {} : { maximum: field.max }),
      };
    case 'boolean':
      return { type: nullable('boolean') };
  }
}

/** The contract of a record kind: its fields, required ones required, nothing else allowed. */
export function recordContract(kind: SourceKind): Contract {
  const fields = fieldsOf(kind);
  return {
    type: `${RECORD_TYPE_PREFIX}${kind}`,
    version: parseSchemaVer(VERSIONS[kind]) as SchemaVer,
    kind,
    origin: 'record',
    description: `A ${kind} record, as a file row of that kind or a JSON payload.`,
    schema: {
      type: 'object',
      properties: Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)])),
      required: fields.filter((f) => f.required).map((f) => f.name),
      additionalProperties: false,
    },
  };
}

/** Every record-kind contract, in SOURCE_KINDS order. */
export function recordContracts(): Contract[] {
  return SOURCE_KIND_NAMES.map(recordContract);
}
