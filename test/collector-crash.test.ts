import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { startCollector, type CollectorProcess } from './support/collector-process.js';
import { runCli } from './support/run-cli.js';

const EVENTS = 100_000;
const BATCH = 500;
const CONCURRENCY = 4;
const DEADLINE_MS = 240_000;

/**
 * The collector is killed with SIGKILL while a client sends 100k events in batches and retries
 * every batch it got no 200 for, with the same ids. Afterwards each event is stored exactly once
 * and every acknowledged event is there.
 */
describe('collector crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convrev-crash-'));
  const db = join(dir, 'crash.duckdb');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loses no acknowledged event and stores none twice across a SIGKILL', async () => {
    const key = runCli(['keys', 'create', '--db', db, '--source', 'crash']).stdout.trim();
    expect(key).toMatch(/^cvk_/);
    const batches = Array.from({ length: EVENTS / BATCH }, (_v, b) =>
      Array.from({ length: BATCH }, (_w, i) => ({
        type: 'chat.message.sent',
        event_id: `ev-${b * BATCH + i}`,
        occurred_at: new Date(Date.UTC(2026, 0, 1) + (b * BATCH + i) * 1000).toISOString(),
        conversation_id: `conv-${b}`,
        actor: 'user',
      })),
    );
    const acknowledged = new Set<number>();
    const pending = batches.map((_b, i) => i);
    let collector: CollectorProcess = await startCollector(['--db', db]);
    let killed = false;
    let attempts = 0;
    const started = Date.now();

    const send = async (index: number): Promise<boolean> => {
      attempts++;
      try {
        const r = await fetch(`${collector.url}/v1/batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ batch: batches[index] }),
          signal: AbortSignal.timeout(30_000),
        });
        if (r.status !== 200) return false;
        const body = (await r.json()) as { offered: number; stored: number; duplicates: number };
        expect(body.offered).toBe(BATCH);
        expect(body.stored + body.duplicates).toBe(BATCH);
        return true;
      } catch {
        return false; // connection refused or reset: not acknowledged, send again
      }
    };

    while (pending.length && Date.now() - started < DEADLINE_MS) {
      const round = pending.splice(0, CONCURRENCY);
      const results = await Promise.all(round.map(send));
      round.forEach((index, i) => (results[i] ? acknowledged.add(index) : pending.push(index)));
      if (!killed && acknowledged.size >= batches.length / 3) {
        // Mid-stream, with requests in flight: no chance to finish a transaction or answer.
        const inFlight = pending.splice(0, CONCURRENCY);
        const racing = Promise.all(inFlight.map(send));
        await new Promise((r) => setTimeout(r, 15));
        collector.child.kill('SIGKILL');
        expect(await collector.exited).toBe('SIGKILL');
        const raced = await racing;
        inFlight.forEach((index, i) => (raced[i] ? acknowledged.add(index) : pending.push(index)));
        killed = true;
        collector = await startCollector(['--db', db]);
      }
    }
    collector.child.kill('SIGTERM');
    await collector.exited;
    expect(killed).toBe(true);
    expect(pending).toEqual([]);
    expect(acknowledged.size).toBe(batches.length);
    expect(attempts).toBeGreaterThan(batches.length - 1);

    const engine = await openEngine({ kind: 'duckdb', path: db, memoryLimit: '1GB', threads: 1 });
    try {
      const [stored] = await engine.query(
        sql('SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS ids FROM conversation_events'),
      );
      expect(stored).toEqual({ n: EVENTS, ids: EVENTS });
      const [keys] = await engine.query(sql('SELECT COUNT(*) AS n FROM record_keys'));
      expect(keys?.n).toBe(EVENTS);
      const unbalanced = await engine.query(
        sql(
          'SELECT batch_id FROM ingest_batches WHERE offered <> stored + duplicates + dead_lettered',
        ),
      );
      expect(unbalanced).toEqual([]);
      const [sums] = await engine.query(sql('SELECT SUM(stored) AS stored FROM ingest_batches'));
      expect(sums?.stored).toBe(EVENTS);
    } finally {
      await engine.close();
    }
  });
});
