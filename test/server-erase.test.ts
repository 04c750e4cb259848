import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/core/config/config.js';
import { sql, type SqlParam } from '../src/engine/sql/sql-statement.js';
import { demoWarehouse, serveWarehouse, type ServedWarehouse } from './support/server-harness.js';

type Json = Record<string, unknown>;

let config: Config;
let served: ServedWarehouse;
let email: string;

const post = async (body: unknown, key?: string, server = served) => {
  const r = await server.server.app.inject({
    method: 'POST',
    url: '/v1/admin/erase',
    payload: body as Json,
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  return { status: r.statusCode, json: () => JSON.parse(r.body) as Json };
};

const count = async (text: string, params: SqlParam[] = []) =>
  Number((await served.engine.query(sql(text, params)))[0]?.n ?? 0);

beforeAll(async () => {
  ({ config } = await demoWarehouse(2_000));
  served = await serveWarehouse(config, { withConfig: true });
  // A buyer: someone whose erasure changes the figures the API reports.
  const [row] = await served.engine.query(
    sql(`SELECT i.identifier_value AS email FROM identifiers i
JOIN conversions c ON c.person_id = i.person_id
WHERE i.identifier_type = 'email' ORDER BY i.identifier_value LIMIT 1`),
  );
  email = String(row?.email);
});
afterAll(() => served?.close());

describe('POST /v1/admin/erase', () => {
  it('needs an admin key: 401 without one, 403 with a read key', async () => {
    expect((await post({ identifier: `email:${email}` })).status).toBe(401);
    expect((await post({ identifier: `email:${email}` }, served.keys.read)).status).toBe(403);
  });

  it('refuses a malformed request with a 400 naming what is wrong', async () => {
    const r = await post({ identifier: 'no-type-here' }, served.keys.admin);
    expect(r.status).toBe(400);
    expect(String(r.json().message)).toMatch(/identifier/);
    expect((await post({ identifier: `email:${email}`, extra: 1 }, served.keys.admin)).status).toBe(
      400,
    );
  });

  it('lists what would go on a dry run and changes nothing', async () => {
    const before = await count(
      "SELECT COUNT(*) AS n FROM identifiers WHERE identifier_type = 'email' AND identifier_value = $1",
      [email],
    );
    expect(before).toBe(1);
    const r = await post({ identifier: `email:${email}`, dry_run: true }, served.keys.admin);
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ dry_run: true, identifier_type: 'email', persons: 1 });
    // Persons a record links to the email, shown before anything is erased (none on the demo).
    expect(r.json().linked_persons).toEqual(expect.any(Array));
    expect(Number(r.json().rows_deleted)).toBeGreaterThan(0);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM identifiers WHERE identifier_type = 'email' AND identifier_value = $1",
        [email],
      ),
    ).toBe(before);
  });

  it('erases the person, audits the key that asked, and the reports answer afresh', async () => {
    const summary = async () =>
      (
        await served.server.app.inject({
          url: '/v1/reports/summary',
          headers: { authorization: `Bearer ${served.keys.read}` },
        })
      ).json<{ rows: { conversions: number }[] }>();
    const conversionsBefore = (await summary()).rows[0]?.conversions ?? 0;
    const r = await post({ identifier: `email:${email}` }, served.keys.admin);
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ dry_run: false, persons: 1 });
    expect(Number(r.json().tombstones)).toBeGreaterThan(0);
    expect(
      await count('SELECT COUNT(*) AS n FROM identifiers WHERE identifier_value = $1', [email]),
    ).toBe(0);
    const [audit] = await served.engine.query(
      sql('SELECT requested_by FROM erasure_audit ORDER BY erased_at DESC LIMIT 1'),
    );
    expect(String(audit?.requested_by)).toMatch(/^api key key_[0-9a-f]+$/);
    // The person had a conversion: the cached summary was dropped and recomputed without it.
    expect((await summary()).rows[0]?.conversions).toBeLessThan(conversionsBefore);
  });

  it('answers 409 on a server started without the run config', async () => {
    const bare = await serveWarehouse(config);
    try {
      const r = await post({ identifier: `email:${email}` }, bare.keys.admin, bare);
      expect(r.status).toBe(409);
      expect(String(r.json().message)).toMatch(/--config/);
    } finally {
      await bare.close();
    }
  });
});
