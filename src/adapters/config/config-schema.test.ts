import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_KINDS } from '../../core/attribution/model-spec.js';
import { SOURCE_KIND_NAMES } from '../../core/canonical/source-kinds.js';
import { CONVERSION_KINDS } from '../../core/canonical/touchpoint-types.js';
import { OUTCOMES } from '../../core/attribution/conversion-definition.js';
import { checkConfigSchema, configSchemaPath, readConfigSchema } from './config-schema.js';

/** Follows a chain of property names through the parsed schema. */
function at(path: readonly string[]): unknown {
  let node: unknown = readConfigSchema();
  for (const key of path) {
    node =
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[key]
        : undefined;
  }
  return node;
}

describe('the shipped config schema', () => {
  it('lives at an absolute path inside the package', () => {
    const path = configSchemaPath();
    expect(isAbsolute(path)).toBe(true);
    expect(path.endsWith('/schema/convrev.schema.json')).toBe(true);
    expect(existsSync(path)).toBe(true);
  });

  it('is a draft-07 schema with an id and a title', () => {
    expect(at(['$schema'])).toBe('http://json-schema.org/draft-07/schema#');
    expect(at(['$id'])).toBe('urn:convrev:schema:config:1');
    expect(at(['title'])).toBe('convrev configuration');
  });

  it('lists exactly the source kinds, models and conversion kinds of the core', () => {
    expect(at(['definitions', 'source', 'properties', 'kind', 'enum'])).toEqual(SOURCE_KIND_NAMES);
    const attribution = ['properties', 'attribution', 'properties'];
    const model = ['definitions', 'attributionModel'];
    expect(at([...model, 'then', 'enum'])).toEqual([...MODEL_KINDS]);
    expect(at([...model, 'properties', 'kind', 'enum'])).toEqual([...MODEL_KINDS]);
    const definition = ['definitions', 'conversionDefinition'];
    expect(at([...definition, 'then', 'enum'])).toEqual([...CONVERSION_KINDS]);
    expect(at([...definition, 'properties', 'outcome', 'enum'])).toEqual([...OUTCOMES]);
    expect(at([...attribution, 'models', 'items', 'else', '$ref'])).toBe(
      '#/definitions/attributionModel',
    );
    expect(at(['definitions', 'dataDrivenEntry', 'anyOf', '0', 'enum'])).toEqual([
      'shapley_path',
      'shapley_coalition',
    ]);
  });

  it('accepts a minimal config and refuses one without sources', () => {
    const minimal = { sources: [{ name: 'web', kind: 'touchpoints', path: 'touches.csv' }] };
    expect(checkConfigSchema(minimal).ok).toBe(true);
    expect(checkConfigSchema({ sources: [] })).toEqual({
      ok: false,
      problems: [{ code: 'invalid_value', message: 'sources: must list at least 1 item(s)' }],
    });
  });
});
