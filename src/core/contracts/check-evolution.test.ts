import { describe, expect, it } from 'vitest';
import { breakingChanges } from './breaking-changes.js';
import { checkEvolution } from './check-evolution.js';
import type { Contract } from './contract.js';
import type { JsonSchema } from './json-schema.js';
import { compareSchemaVer, formatSchemaVer, parseSchemaVer } from './schema-ver.js';

const base: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    amount: { type: 'number', minimum: 0 },
    status: { type: 'string', enum: ['open', 'won'] },
  },
  required: ['id'],
};
const contract = (version: string, schema: JsonSchema): Contract => ({
  type: 'shop.order.placed',
  version: parseSchemaVer(version) ?? { model: 0, revision: 0, addition: 0 },
  kind: 'conversation_events',
  origin: 'config',
  description: '',
  schema,
});
const withProps = (
  props: Record<string, JsonSchema>,
  extra: Partial<JsonSchema> = {},
): JsonSchema => ({
  ...base,
  ...extra,
  properties: { ...base.properties, ...props },
});

describe('SchemaVer', () => {
  it('parses, prints and orders MODEL-REVISION-ADDITION', () => {
    expect(parseSchemaVer('1-2-3')).toEqual({ model: 1, revision: 2, addition: 3 });
    for (const bad of ['0-1-0', '1.0.0', '1-0', '01-0-0', '1-0-0-0', ''])
      expect(parseSchemaVer(bad)).toBeNull();
    expect(formatSchemaVer({ model: 2, revision: 0, addition: 1 })).toBe('2-0-1');
    const v = (t: string) => parseSchemaVer(t) ?? { model: 0, revision: 0, addition: 0 };
    expect(compareSchemaVer(v('1-10-0'), v('1-9-9'))).toBeGreaterThan(0);
    expect(compareSchemaVer(v('2-0-0'), v('1-99-99'))).toBeGreaterThan(0);
  });
});

describe('breakingChanges', () => {
  it('finds nothing in an additive change', () => {
    expect(breakingChanges(base, withProps({ note: { type: 'string' } }))).toEqual([]);
    expect(
      breakingChanges(base, withProps({ amount: { type: ['number', 'null'], minimum: 0 } })),
    ).toEqual([]);
    expect(
      breakingChanges(withProps({ n: { type: 'integer' } }), withProps({ n: { type: 'number' } })),
    ).toEqual([]);
    expect(
      breakingChanges(
        base,
        withProps({ status: { type: 'string', enum: ['open', 'won', 'lost'] } }),
      ),
    ).toEqual([]);
  });

  it('names each breaking change and its field', () => {
    const rest = Object.fromEntries(
      Object.entries(base.properties ?? {}).filter(([k]) => k !== 'amount'),
    );
    const messages = (next: JsonSchema) => breakingChanges(base, next).map((p) => p.message);
    expect(messages({ ...base, properties: rest })).toEqual(['amount: field removed']);
    expect(messages(withProps({ amount: { type: 'string' } }))).toEqual([
      'amount: no longer accepts number',
    ]);
    expect(messages({ ...base, required: ['id', 'amount'] })).toEqual([
      'amount: field became required',
    ]);
    expect(messages(withProps({ status: { type: 'string', enum: ['open'] } }))).toEqual([
      'status: enum no longer allows won',
    ]);
    expect(messages(withProps({ amount: { type: 'number', minimum: 10 } }))).toEqual([
      'amount: minimum changed from 0 to 10',
    ]);
    expect(messages({ ...base, additionalProperties: false })).toEqual([
      'the record: fields not listed are no longer allowed',
    ]);
  });

  it('looks into nested objects', () => {
    const nested = (t: string): JsonSchema =>
      withProps({ cart: { type: 'object', properties: { total: { type: t as 'number' } } } });
    expect(breakingChanges(nested('number'), nested('string')).map((p) => p.message)).toEqual([
      'cart.total: no longer accepts number',
    ]);
  });
});

describe('checkEvolution', () => {
  const breaking = { ...base, required: ['id', 'amount'] };
  it('allows the same schema again, and additive changes under a new ADDITION', () => {
    expect(checkEvolution(contract('1-0-0', base), contract('1-0-0', base))).toEqual([]);
    expect(
      checkEvolution(
        contract('1-0-0', base),
        contract('1-0-1', withProps({ x: { type: 'string' } })),
      ),
    ).toEqual([]);
  });

  it('refuses a changed schema under the same version, and versions going back', () => {
    expect(checkEvolution(contract('1-0-0', base), contract('1-0-0', breaking))[0]?.code).toBe(
      'changed_without_version_bump',
    );
    expect(checkEvolution(contract('1-1-0', base), contract('1-0-0', base))[0]?.code).toBe(
      'version_went_backwards',
    );
  });

  it('refuses a breaking change unless MODEL is bumped', () => {
    for (const v of ['1-0-1', '1-1-0'])
      expect(checkEvolution(contract('1-0-0', base), contract(v, breaking))[0]?.code).toBe(
        'breaking_change_needs_model_bump',
      );
    expect(checkEvolution(contract('1-0-0', base), contract('2-0-0', breaking))).toEqual([]);
  });
});
