import type { Problem } from '../errors.js';
import { EVENT_TYPE_PATTERN, RECORD_TYPE_PREFIX, type Contract } from './contract.js';
import type { JsonSchema } from './json-schema.js';
import { parseSchemaVer } from './schema-ver.js';

/** An event type as the user writes it in the config's `contracts:` section. */
export interface ConfigContractSpec {
  readonly type: string;
  readonly version: string;
  readonly description?: string;
  /** The event's own fields (JSON Schemas), stored in the event's properties. */
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  /** Fields that must be present: envelope fields or the event's own. */
  readonly required?: readonly string[];
}

export type ConfigContractResult =
  | { readonly ok: true; readonly contract: Contract }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * A user's event contract: the envelope every event shares, plus the user's fields and
 * requirements. `where` names the entry in messages (`contracts[2]`). Built-in and record type
 * names are refused, and so are fields that would redefine an envelope field.
 */
export function buildConfigContract(
  spec: ConfigContractSpec,
  envelope: JsonSchema,
  builtInTypes: ReadonlySet<string>,
  where: string,
): ConfigContractResult {
  const problems: Problem[] = [];
  const add = (code: string, message: string) =>
    problems.push({ code, message: `${where}.${message}` });
  const version = parseSchemaVer(spec.version);
  if (!version)
    add('invalid_version', `version: ${spec.version} is not MODEL-REVISION-ADDITION (e.g. 1-0-0)`);
  if (!EVENT_TYPE_PATTERN.test(spec.type) || spec.type.startsWith(RECORD_TYPE_PREFIX))
    add(
      'invalid_type',
      `type: ${spec.type} is not a namespaced event type (e.g. shop.cart.recovered)`,
    );
  if (builtInTypes.has(spec.type))
    add('builtin_type', `type: ${spec.type} is built in; give your event a name of its own`);
  const envelopeFields = envelope.properties ?? {};
  const own = spec.properties ?? {};
  for (const name of Object.keys(own))
    if (Object.hasOwn(envelopeFields, name))
      add(
        'envelope_field',
        `properties.${name}: ${name} is an envelope field; list it under required instead`,
      );
  const known = new Set([...Object.keys(envelopeFields), ...Object.keys(own)]);
  for (const name of spec.required ?? [])
    if (!known.has(name))
      add('unknown_field', `required: ${name} is neither an envelope field nor one of properties`);
  if (problems.length || !version) return { ok: false, problems };
  return {
    ok: true,
    contract: {
      type: spec.type,
      version,
      kind: 'conversation_events',
      origin: 'config',
      description: spec.description ?? `${spec.type} (defined in the config)`,
      schema: {
        type: 'object',
        properties: { ...envelopeFields, ...own },
        required: [...new Set([...(envelope.required ?? []), ...(spec.required ?? [])])],
        additionalProperties: false,
      },
    },
  };
}
