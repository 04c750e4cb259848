import type { ErrorObject } from 'ajv';
import type { Problem } from '../../core/errors.js';
import { closestMatch } from './closest-match.js';
import { configPath } from './config-path.js';

/**
 * Turns Ajv's errors into problems a person can act on: each names the path inside the config,
 * what is wrong and, for typos, what was probably meant. A value of the wrong type also fails
 * its enum or pattern; only the type error is kept, the others would repeat it less clearly.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[]): Problem[] {
  const mistyped = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  // An `if` error only says its branch failed; the branch's own error says how.
  return errors
    .filter((e) => e.keyword !== 'if')
    .filter((e) => e.keyword === 'type' || !mistyped.has(e.instancePath))
    .map(describeSchemaError);
}

// The config is YAML: its users know mappings and lists, not objects and arrays.
const YAML_WORDS: Readonly<Record<string, string>> = { object: 'mapping', array: 'list' };

function describeSchemaError(error: ErrorObject): Problem {
  const where = configPath(error.instancePath);
  const params: Record<string, unknown> = error.params;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      return {
        code: 'unknown_property',
        message: `${where}: unknown property '${name}'${suggestion(name, knownProperties(error))}`,
      };
    }
    case 'required':
      return {
        code: 'missing_property',
        message: `${where}: missing required property '${String(params['missingProperty'])}'`,
      };
    case 'enum': {
      const allowed = Array.isArray(params['allowedValues']) ? params['allowedValues'] : [];
      const choices = allowed.map(String);
      const hint = typeof error.data === 'string' ? closestMatch(error.data, choices) : undefined;
      const guess = hint === undefined ? '' : ` (did you mean '${hint}'?)`;
      return {
        code: 'invalid_value',
        message: `${where}: ${show(error.data)} is not one of ${choices.join(', ')}${guess}`,
      };
    }
    case 'type': {
      const types: unknown[] = Array.isArray(params['type']) ? params['type'] : [params['type']];
      const expected = types.map((t) => article(YAML_WORDS[String(t)] ?? String(t))).join(' or ');
      return {
        code: 'invalid_value',
        message: `${where}: must be ${expected}, not ${show(error.data)}`,
      };
    }
    case 'pattern':
      return {
        code: 'invalid_value',
        message: `${where}: ${show(error.data)} does not match the pattern ${String(params['pattern'])}`,
      };
    case 'minLength':
    case 'maxLength': {
      const limit = Number(params['limit']);
      const size = limit === 1 ? 'one character' : `${limit} characters`;
      const bound = error.keyword === 'minLength' ? 'at least' : 'at most';
      const message = `${where}: must be ${bound} ${size}, not ${show(error.data)}`;
      return { code: 'invalid_value', message };
    }
    case 'minItems':
      return {
        code: 'invalid_value',
        message: `${where}: must list at least ${String(params['limit'])} item(s)`,
      };
    case 'uniqueItems': {
      const repeated: unknown = Array.isArray(error.data)
        ? error.data[Number(params['i'])]
        : undefined;
      return { code: 'invalid_value', message: `${where}: lists ${show(repeated)} more than once` };
    }
    default:
      return { code: 'invalid_value', message: `${where}: ${error.message ?? 'is invalid'}` };
  }
}

/** The property names the failing object's schema declares (Ajv's `verbose` option supplies it). */
function knownProperties(error: ErrorObject): string[] {
  const schema: unknown = error.parentSchema;
  if (typeof schema !== 'object' || schema === null || !('properties' in schema)) return [];
  const properties: unknown = schema.properties;
  return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
}

function suggestion(name: string, known: readonly string[]): string {
  if (known.length === 0) return '';
  const hint = closestMatch(name, known);
  return hint === undefined
    ? ` (expected one of: ${known.join(', ')})`
    : ` (did you mean '${hint}'?)`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'a mapping' : 'nothing';
}
