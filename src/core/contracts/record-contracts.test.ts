import { describe, expect, it } from 'vitest';
import { SOURCE_KIND_NAMES } from '../canonical/source-kinds.js';
import { breakingChanges } from './breaking-changes.js';
import { recordContract, recordContracts } from './record-contracts.js';

describe('record-kind contracts', () => {
  it('derive one contract per kind from SOURCE_KINDS', () => {
    expect(recordContracts().map((c) => c.type)).toEqual(
      SOURCE_KIND_NAMES.map((k) => `record.${k}`),
    );
    const orders = recordContract('orders').schema;
    expect(orders.required).toEqual(['order_id', 'placed_at', 'amount']);
    expect(orders.properties?.amount).toEqual({ type: 'number', minimum: 0 });
    expect(orders.properties?.currency).toEqual({ type: ['string', 'null'] });
    expect(orders.properties?.placed_at).toEqual({ type: 'string', format: 'date-time' });
    expect(orders.additionalProperties).toBe(false);
  });

  it('only grow compatibly while their version stays 1-0-0', () => {
    // The shape shipped with 1-0-0 for one kind; a change to SOURCE_KINDS that breaks it must bump the version.
    const published = {
      type: 'object',
      properties: {
        day: { type: 'string', format: 'date' },
        channel: { type: 'string', minLength: 1 },
        campaign: { type: ['string', 'null'] },
        amount: { type: 'number', minimum: 0 },
      },
      required: ['day', 'channel', 'amount'],
      additionalProperties: false,
    } as const;
    const now = recordContract('spend');
    expect(`${now.version.model}-${now.version.revision}-${now.version.addition}`).toBe('1-0-0');
    expect(breakingChanges(published, now.schema)).toEqual([]);
  });
});
