import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { band } from '../src/core/quality/quality-band.js';
import { DEFAULT_QUALITY, type QualityConfig } from '../src/core/quality/quality-config.js';
import type { QualityResult } from '../src/core/quality/quality-result.js';
import type { Engine } from '../src/engine/engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { createIngestEnvironment } from '../src/pipeline/ingest/create-ingest-environment.js';
import { storedIdentifier } from '../src/pipeline/privacy/stored-identifier.js';
import { checkQuality } from '../src/pipeline/quality/check-quality.js';
import type { QualityContext } from '../src/pipeline/quality/quality-context.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { b2bScenario } from './support/b2b-scenario.js';
import { eachEngine } from './support/each-engine.js';

const NOW = Date.UTC(2026, 5, 1);
const env = createIngestEnvironment(undefined);

class Rollback extends Error {
  constructor(readonly results: readonly QualityResult[]) {
    super('rollback');
  }
}

for (const factory of eachEngine('quality checks')) {
  describe(`quality checks on ${factory.name}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await factory.open();
      const { config, open } = b2bScenario();
      await runPipeline(engine, config, { open });
    });
    afterAll(() => factory.dispose(engine));

    const exec = (text: string) => engine.execute(sql(text));

    /** The checks on the scenario as changed by `mutate`, which is rolled back afterwards. */
    async function check(
      mutate: () => Promise<void> = () => Promise.resolve(),
      quality: Partial<QualityConfig> = {},
      ctx: Partial<QualityContext> = {},
    ): Promise<readonly QualityResult[]> {
      try {
        await engine.transaction(async () => {
          await mutate();
          const report = await checkQuality(engine, 'test-run', {
            config: { ...DEFAULT_QUALITY, ...quality },
            lookbackDays: 90,
            now: NOW,
            storedForm: (type, value) => storedIdentifier(env, type, value),
            ...ctx,
          });
          throw new Rollback(report.results);
        });
      } catch (error) {
        if (error instanceof Rollback) return error.results;
        throw error;
      }
      throw new Error('unreachable');
    }
    const find = (results: readonly QualityResult[], name: string, subject: string) => {
      const found = results.find((r) => r.check === name && r.subject === subject);
      if (!found)
        throw new Error(
          `no ${name} ${subject} in ${results.map((r) => `${r.check} ${r.subject}`).join('; ')}`,
        );
      return found;
    };

    it('pass on the clean scenario, and store the results under the run id', async () => {
      const results = await check();
      expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
      expect(find(results, 'revenue_reconciliation', 'model=linear').detail).toMatch(
        /2 orders: credited 100.00 against 100.00 attributed; 50.00 in 1 orders unattributed/,
      );
      const report = await checkQuality(engine, 'stored-run', {
        config: DEFAULT_QUALITY,
        lookbackDays: 90,
        now: NOW,
        storedForm: () => null,
      });
      const [n] = await engine.query(
        sql("SELECT COUNT(*) AS n FROM quality_results WHERE run_id = 'stored-run'"),
      );
      expect(Number(n?.n)).toBe(report.results.length);
    });

    it('schema violations: dead letters by source and reason against what was offered', async () => {
      const letters = async () => {
        await exec(
          "INSERT INTO ingest_batches VALUES ('bx', 'web', 'http', CAST('2026-03-01 00:00:00' AS TIMESTAMP), 10, 9, 0, 0, 1, false)",
        );
        await exec(
          `INSERT INTO dead_letters VALUES ('dl1', 'bx', 'web', 'http', CAST('2026-03-01 00:00:00' AS TIMESTAMP), '{}', '[{"code":"wrong_type","message":"m"},{"code":"wrong_type","message":"n"}]', NULL, NULL)`,
        );
      };
      const results = await check(letters);
      expect(find(results, 'schema_violations', 'source=web')).toMatchObject({
        status: 'fail',
        measured: 0.1,
      });
      expect(find(results, 'schema_violations', 'source=web reason=wrong_type').measured).toBe(1);
      const lenient = await check(letters, { deadLetterRate: band(null, 0.2) });
      expect(find(lenient, 'schema_violations', 'source=web').status).toBe('pass');
    });

    it('unique ids: a repeated order id fails', async () => {
      const results = await check(() =>
        exec(
          "INSERT INTO orders (order_id, placed_at, amount, source_name) VALUES ('o1', CAST('2026-03-12 00:00:00' AS TIMESTAMP), 5, 'x')",
        ),
      );
      expect(find(results, 'unique_ids', 'orders.order_id')).toMatchObject({
        status: 'fail',
        measured: 1,
      });
      expect(find(await check(), 'unique_ids', 'orders.order_id').status).toBe('pass');
    });

    it('nulls in critical fields: an order without an amount fails', async () => {
      const results = await check(() =>
        exec(
          "INSERT INTO orders (order_id, placed_at, amount, source_name) VALUES ('o9', CAST('2026-03-12 00:00:00' AS TIMESTAMP), NULL, 'x')",
        ),
      );
      const r = find(results, 'null_fields', 'orders.amount');
      expect(r.status).toBe('fail');
      expect(r.measured).toBeCloseTo(1 / 3, 12);
    });

    it('referential integrity: a contact on an unknown account fails', async () => {
      const results = await check(() =>
        exec(
          "INSERT INTO contacts (contact_id, account_id, source_name) VALUES ('c9', 'ZZZ', 'x')",
        ),
      );
      expect(find(results, 'referential_integrity', 'contact_account')).toMatchObject({
        status: 'fail',
        measured: 0.25,
      });
      expect(find(results, 'referential_integrity', 'opportunity_account').status).toBe('pass');
      expect(find(results, 'referential_integrity', 'contact_account').detail).toMatch(
        /1 of 4 references name no row of accounts \(25\.00%\): load the missing accounts rows/,
      );
    });

    it('referential integrity to an optional input nobody loaded is skipped with a reason', async () => {
      const results = await check(() => exec('DELETE FROM accounts'));
      const r = find(results, 'referential_integrity', 'contact_account');
      expect(r).toMatchObject({ status: 'pass', measured: null });
      expect(r.detail).toMatch(/^skipped: no accounts loaded \(an optional input\)/);
    });

    it('touches outside their window: a journey touch a second too early fails', async () => {
      const results = await check(() =>
        exec(
          "INSERT INTO journeys (conversion_id, touchpoint_id, position, touch_count, occurred_at, seconds_before, is_direct, link) VALUES ('opportunity_created:opp1', 't0', 0, 5, CAST('2025-12-31 23:59:59' AS TIMESTAMP), 0, false, 'influenced')",
        ),
      );
      expect(find(results, 'touches_in_window', 'journeys')).toMatchObject({
        status: 'fail',
        measured: 1,
      });
    });

    it('match rates: orders without a person fall below the threshold', async () => {
      const strict = {
        matchRates: { ...DEFAULT_QUALITY.matchRates, orders_to_persons: band(null, 0.9) },
      };
      expect(find(await check(undefined, strict), 'match_rate', 'orders_to_persons')).toMatchObject(
        { status: 'pass', measured: 1 },
      );
      const results = await check(
        () => exec("UPDATE conversions SET person_id = NULL WHERE conversion_id = 'order:o2'"),
        strict,
      );
      expect(find(results, 'match_rate', 'orders_to_persons')).toMatchObject({
        status: 'fail',
        measured: 0.5,
      });
    });

    it('false-positive linkage on a labelled sample', async () => {
      const pair = (l: string, r: string, label: 'match' | 'non_match') => ({
        leftType: 'crm_contact_id',
        leftValue: l,
        rightType: 'email',
        rightValue: r,
        label,
      });
      const good = [
        pair('c1', 'BOB@acme.example', 'non_match'),
        pair('c2', 'bob@acme.example', 'match'),
      ];
      expect(
        find(
          await check(undefined, {}, { labelledPairs: good }),
          'false_positive_linkage',
          'labelled_pairs',
        ),
      ).toMatchObject({ status: 'pass', measured: 0 });
      const bad = [
        pair('c1', ' Ann@Acme.example', 'non_match'),
        pair('c1', 'bob@acme.example', 'non_match'),
      ];
      expect(
        find(
          await check(undefined, {}, { labelledPairs: bad }),
          'false_positive_linkage',
          'labelled_pairs',
        ),
      ).toMatchObject({ status: 'fail', measured: 0.5 });
    });

    it('volume per source per day: like weekdays, so empty B2B weekends pass and a weekday drop fails', async () => {
      // 5 spend rows on each weekday from Monday 5 Jan 2026 to Monday 2 Feb (the last day, not
      // judged), none on weekends; `planted` keeps one row on that day.
      const spend = (planted?: number) => async () => {
        for (let d = 0; d <= 28; d++) {
          if (d % 7 >= 5) continue;
          const day = new Date(Date.UTC(2026, 0, 5 + d)).toISOString().slice(0, 10);
          for (let i = 0; i < (d === planted ? 1 : 5); i++)
            await exec(
              `INSERT INTO spend VALUES (CAST('${day}' AS DATE), 'ads${i}', NULL, 1, 'ads', ${i})`,
            );
        }
      };
      const volume = { volume: { trailingDays: 21, minTrailing: 1, drop: band(0.5, 0.9) } };
      const clean = await check(spend(), volume);
      // (The fixture's other sources, a record here and there, are judged too at minTrailing 1.)
      const ads = (rs: readonly QualityResult[]) =>
        rs.filter((r) => r.check === 'volume' && r.subject.startsWith('source=ads '));
      expect(ads(clean).filter((r) => r.status !== 'pass')).toEqual([]);
      // Wednesday 21 Jan (day 16) keeps 1 of its 5 rows: an 80 % drop against its like weekdays.
      const dropped = await check(spend(16), volume);
      const finding = find(dropped, 'volume', 'source=ads day=2026-01-21');
      expect(finding).toMatchObject({ status: 'warn', measured: 0.8 });
      expect(finding.detail).toMatch(
        /^1 records on Wed 2026-01-21 against a median of 5\.0 on the 2 Wed before/,
      );
      expect(finding.detail).toMatch(/Why: .*Fix: /);
      // The day after has its full volume back: no finding.
      expect(ads(dropped).map((r) => r.subject)).toEqual(['source=ads day=2026-01-21']);
    });

    it('reconciliation: credited value that differs from the order amounts by a cent fails that day', async () => {
      const results = await check(() =>
        exec(
          "UPDATE credits SET value = value + 0.01 WHERE conversion_id = 'order:o1' AND model = 'linear'",
        ),
      );
      expect(find(results, 'revenue_reconciliation', 'model=linear day=2026-03-10').status).toBe(
        'fail',
      );
      expect(find(results, 'revenue_reconciliation', 'model=linear').status).toBe('fail');
      // Every breach says why and what to fix; a pass says neither.
      for (const r of results)
        expect(/Why: .+\. Fix: .+\.$/.test(r.detail), `${r.check} ${r.subject}: ${r.detail}`).toBe(
          r.status !== 'pass',
        );
      expect(find(results, 'revenue_reconciliation', 'model=first_touch').status).toBe('pass');
    });

    it('freshness and lag per source', async () => {
      const late = { freshnessHours: band(null, 24), lagHours: band(null, 1) };
      const onTime = () =>
        exec("UPDATE conversation_events SET received_at = occurred_at + INTERVAL '10 minutes'");
      const fresh = await check(onTime, late, { now: Date.now() });
      expect(find(fresh, 'freshness', 'source=orders').status).toBe('pass');
      expect(find(fresh, 'lag', 'source=events').status).toBe('pass');
      const stale = await check(
        () =>
          exec("UPDATE conversation_events SET received_at = occurred_at + INTERVAL '10 hours'"),
        late,
        { now: Date.now() + 48 * 3_600_000 },
      );
      expect(find(stale, 'freshness', 'source=orders').status).toBe('fail');
      expect(find(stale, 'lag', 'source=events')).toMatchObject({ status: 'fail', measured: 10 });
    });

    it('drift: a channel share that moves week over week is flagged', async () => {
      const shift = async () => {
        await exec('DELETE FROM credits');
        await exec(
          "INSERT INTO touchpoints (touchpoint_id, channel, occurred_at) VALUES ('dA', 'alpha', CAST('2026-06-01 00:00:00' AS TIMESTAMP)), ('dB', 'beta', CAST('2026-06-08 00:00:00' AS TIMESTAMP))",
        );
        await exec(
          "INSERT INTO conversions (conversion_id, kind, occurred_at, person_id) VALUES ('d1', 'order', CAST('2026-06-02 00:00:00' AS TIMESTAMP), 'p1'), ('d2', 'order', CAST('2026-06-09 00:00:00' AS TIMESTAMP), NULL)",
        );
        await exec(
          "INSERT INTO credits VALUES ('d1', 'dA', 'linear', 1, 1), ('d2', 'dB', 'linear', 1, 1)",
        );
      };
      const results = await check(shift);
      expect(find(results, 'drift', 'channel_share model=linear channel=alpha')).toMatchObject({
        status: 'warn',
        measured: 1,
      });
      expect(find(results, 'drift', 'match_rate=orders_to_persons').measured).toBeGreaterThan(0.2);
      const calm = await check(shift, {
        drift: { channelShare: band(null, null), matchRate: band(null, null) },
      });
      expect(calm.filter((r) => r.check === 'drift' && r.status !== 'pass')).toEqual([]);
    });
  });
}
