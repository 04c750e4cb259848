import { describe, expect, it } from 'vitest';
import { readEventContracts } from '../src/adapters/contracts/read-event-contracts.js';
import { createIngestEnvironment } from '../src/pipeline/ingest/create-ingest-environment.js';
import { prepareJson } from '../src/pipeline/ingest/prepare-json.js';
import type { PreparedRecord } from '../src/pipeline/ingest/prepared-record.js';

const context = { receivedAt: Date.UTC(2026, 2, 1), sourceName: 'web', sourceLine: 1 };
const touch = (email: string, phone: string) => ({
  type: 'record.touchpoints',
  touchpoint_id: 't1',
  occurred_at: '2026-02-01T00:00:00Z',
  touchpoint_type: 'marketing',
  channel: 'email',
  email,
  phone,
});

function prepared(
  env: ReturnType<typeof createIngestEnvironment>,
  payload: unknown,
): PreparedRecord {
  const item = prepareJson({ payload }, context, env);
  if (item.result.status !== 'ok') throw new Error(JSON.stringify(item.result));
  return item.result.value;
}

describe('the prepare steps', () => {
  it('compile every built-in contract', () => {
    const env = createIngestEnvironment(undefined, { contracts: readEventContracts() });
    expect(env.registry.list().length).toBe(readEventContracts().length + 9);
  });

  it('normalise emails and phones, then hash them with the salt so joins still work', () => {
    const plain = createIngestEnvironment({ privacy: { hashPii: false } });
    const row = prepared(plain, touch(' Ann@Example.COM ', '+44 20 7946 0958')).row;
    expect(row).toContain('ann@example.com');
    expect(row).toContain('+442079460958');
    const hashed = createIngestEnvironment({ privacy: { hashPii: true } }, { piiSalt: 's3cret' });
    const a = prepared(hashed, touch('Ann@Example.com', '+44 20 7946 0958')).row;
    const b = prepared(hashed, touch(' ann@example.com', '+442079460958')).row;
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).not.toMatch(/ann|7946/);
    expect(a.filter((v) => typeof v === 'string' && v.startsWith('sha256:'))).toHaveLength(2);
    const otherSalt = createIngestEnvironment({ privacy: { hashPii: true } }, { piiSalt: 'other' });
    expect(prepared(otherSalt, touch('ann@example.com', '+442079460958')).row).not.toEqual(a);
  });

  it('refuses to hash without a salt', () => {
    expect(() => createIngestEnvironment({ privacy: { hashPii: true } })).toThrow(
      /CONVREV_PII_SALT/,
    );
  });

  it('fingerprints before the clock correction, so a later redelivery matches', () => {
    const env = createIngestEnvironment(undefined, { contracts: readEventContracts() });
    const ev = {
      type: 'form.submitted',
      occurred_at: '2026-02-01T00:00:00Z',
      sent_at: '2026-02-01T00:00:05Z',
      email: 'a@b.co',
    };
    const first = prepareJson({ payload: ev }, context, env).result;
    const later = prepareJson(
      { payload: ev },
      { ...context, receivedAt: context.receivedAt + 60_000 },
      env,
    ).result;
    if (first.status !== 'ok' || later.status !== 'ok') throw new Error('expected ok');
    expect(later.value.key).toBe(first.value.key);
    expect(later.value.hash).toBe(first.value.hash);
    expect(later.value.row).not.toEqual(first.value.row);
  });
});
