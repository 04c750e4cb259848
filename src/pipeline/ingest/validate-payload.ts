import { fieldsOf, type FieldSpec } from '../../core/canonical/source-kinds.js';
import type { Contract } from '../../core/contracts/contract.js';
import { formatSchemaVer } from '../../core/contracts/schema-ver.js';
import type { DeadLetterReason } from '../../core/ingest/dead-letter-reason.js';
import { nestsDeeperThan } from '../../core/ingest/json-depth.js';
import { deadLetter, ok, type StepResult } from '../../core/ingest/step-result.js';
import { isJsonObject } from '../../core/contracts/json-schema.js';
import { canonicalJson } from '../../core/values/canonical-json.js';
import { parseTimestamp } from '../../core/values/parse-timestamp.js';
import { parseValue, type CanonicalValue } from '../../core/values/parse-value.js';
import { ajvReasons } from './ajv-reasons.js';
import { keepAllowed, pseudonymiseBody, readConsent } from './consent.js';
import type { ContractRegistry } from './contract-registry.js';
import type { IngestSettings, TypedRecord } from './typed-record.js';

/** Fields of the envelope, not of the record: which contract, which version, when sent, consent. */
const META = new Set(['type', 'schema_version', 'sent_at', 'consent']);

const fail = (reason: DeadLetterReason): StepResult<TypedRecord> => deadLetter([reason]);

/**
 * The validate step for JSON payloads (HTTP, stream, replay): the payload names its type (and
 * optionally the contract version and when it was sent); the rest must satisfy that contract.
 * Event fields that are not columns of conversation_events are kept in its properties.
 */
export function validatePayload(
  payload: unknown,
  registry: ContractRegistry,
  settings: IngestSettings,
): StepResult<TypedRecord> {
  if (!isJsonObject(payload))
    return fail({ code: 'not_an_object', message: 'a record must be a JSON object' });
  if (nestsDeeperThan(payload, settings.maxDepth))
    return fail({ code: 'too_deep', message: `nested deeper than ${settings.maxDepth} levels` });
  const { type, schema_version: version, sent_at: sent } = payload;
  if (typeof type !== 'string' || type === '')
    return fail({ code: 'missing_required_field', message: 'type is required', field: 'type' });
  if (version !== undefined && typeof version !== 'string')
    return fail({
      code: 'wrong_type',
      message: 'schema_version must be a string',
      field: 'schema_version',
    });
  const sentAt = typeof sent === 'string' ? parseTimestamp(sent) : null;
  if (sent !== undefined && sentAt === null)
    return fail({
      code: 'bad_timestamp',
      message: 'sent_at is not an ISO-8601 timestamp',
      field: 'sent_at',
    });
  const found = registry.resolve(type, version);
  if (!found.ok) return fail({ code: found.code, message: found.message, field: 'type' });
  const { contract, validate } = found.compiled;
  const consent = readConsent(payload.consent);
  if (consent === 'invalid')
    return fail({
      code: 'wrong_type',
      message: 'consent must be an object of booleans: { analytics, marketing }',
      field: 'consent',
    });
  const pseudonymise = consent?.analytics === false;
  if (pseudonymise && (settings.withoutConsent ?? 'drop') === 'drop')
    return fail({
      code: 'no_consent',
      message: 'the consent refuses analytics: the record is not stored',
      field: 'consent',
    });
  // Data minimisation: fields the contract does not name are dropped before anything else sees
  // them, unless the config allows them (kept in an event's properties).
  const known = contract.schema.properties ?? {};
  // Without a prototype, a `__proto__` key is an ordinary field, not a prototype to set.
  const body = Object.create(null) as Record<string, unknown>;
  const extra = Object.create(null) as Record<string, unknown>;
  for (const k in payload)
    if (!META.has(k)) (Object.hasOwn(known, k) ? body : extra)[k] = payload[k];
  if (pseudonymise) pseudonymiseBody(body);
  if (!validate(body)) return deadLetter(ajvReasons(validate.errors ?? []));
  if (contract.origin !== 'record' && !pseudonymise) keepAllowed(body, extra, settings);
  const fields: Record<string, CanonicalValue> = {};
  const reasons: DeadLetterReason[] = [];
  const { specs, columns, version: versionText } = shapeOf(contract);
  const fromEvent = contract.origin !== 'record';
  for (const spec of specs) {
    const raw = fromEvent ? eventField(spec, body, columns, type, versionText) : body[spec.name];
    // An event without an id gets one from its content when it is prepared.
    if (spec.name === 'event_id' && (raw === undefined || raw === null)) {
      fields[spec.name] = null;
      continue;
    }
    const parsed = parseValue(spec, raw);
    if (parsed.ok) fields[spec.name] = parsed.value;
    else reasons.push({ code: 'invalid_value', message: parsed.message, field: spec.name });
  }
  if (reasons.length) return deadLetter(reasons);
  return ok({ kind: contract.kind, fields, sentAt, fromDevice: true });
}

interface Shape {
  readonly specs: readonly FieldSpec[];
  readonly columns: ReadonlySet<string>;
  readonly version: string;
}

// Per contract, computed once: this runs for every record.
const shapes = new WeakMap<Contract, Shape>();
function shapeOf(contract: Contract): Shape {
  let shape = shapes.get(contract);
  if (!shape) {
    const specs = fieldsOf(contract.kind);
    shape = {
      specs,
      columns: new Set(specs.map((f) => f.name)),
      version: formatSchemaVer(contract.version),
    };
    shapes.set(contract, shape);
  }
  return shape;
}

/** The value of a conversation_events column for an event payload. */
function eventField(
  spec: FieldSpec,
  body: Readonly<Record<string, unknown>>,
  columns: ReadonlySet<string>,
  type: string,
  version: string,
): unknown {
  switch (spec.name) {
    case 'event_type':
      return type;
    case 'schema_version':
      return version;
    case 'received_at':
      // The receiver's clock, set when the record is prepared; never the sender's claim.
      return null;
    case 'properties': {
      const extra = Object.entries(body).filter(([k]) => !columns.has(k));
      const own = isJsonObject(body.properties) ? body.properties : {};
      const merged = { ...own, ...Object.fromEntries(extra) };
      return Object.keys(merged).length ? canonicalJson(merged) : null;
    }
    default:
      return body[spec.name];
  }
}
