import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QualityResult } from '../../core/quality/quality-result.js';
import { sendAlerts } from './send-alerts.js';

const result = (status: QualityResult['status']): QualityResult => ({
  check: 'unique_ids',
  subject: 'orders.order_id',
  measured: status === 'pass' ? 0 : 3,
  threshold: 0,
  status,
  detail: 'd',
});

describe('sendAlerts against a real local HTTP server', () => {
  let server: Server;
  let base = '';
  const bodies: unknown[] = [];
  let flaky = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (d: string) => (body += d));
      req.on('end', () => {
        bodies.push(JSON.parse(body));
        const failFlaky = req.url === '/flaky' && ++flaky < 3;
        res.writeHead(req.url === '/broken' || failFlaky ? 500 : 200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the breaches to every webhook and reports each answer', async () => {
    const deliveries = await sendAlerts(
      {
        runId: 'r1',
        status: 'fail',
        counts: { pass: 1, warn: 0, fail: 1 },
        results: [result('pass'), result('fail')],
      },
      { webhooks: [`${base}/ok`, `${base}/broken`, 'http://127.0.0.1:1/closed'], on: 'fail' },
      undefined,
      5,
    );
    expect(deliveries.map((d) => [d.ok, d.status])).toEqual([
      [true, 200],
      [false, 500],
      [false, null],
    ]);
    // The failing webhook was tried four times before it was reported.
    expect(bodies).toHaveLength(5);
    expect(bodies[0]).toEqual({
      event: 'convrev.quality.breach',
      run_id: 'r1',
      status: 'fail',
      counts: { pass: 1, warn: 0, fail: 1 },
      breaches: [
        {
          check: 'unique_ids',
          subject: 'orders.order_id',
          status: 'fail',
          measured: 3,
          threshold: 0,
          detail: 'd',
        },
      ],
    });
  });

  it('retries a webhook that fails, with backoff, until it accepts', async () => {
    const started = Date.now();
    const deliveries = await sendAlerts(
      {
        runId: 'r3',
        status: 'fail',
        counts: { pass: 0, warn: 0, fail: 1 },
        results: [result('fail')],
      },
      { webhooks: [`${base}/flaky`], on: 'fail' },
      undefined,
      20,
    );
    expect(deliveries.map((d) => [d.ok, d.status])).toEqual([[true, 200]]);
    expect(flaky).toBe(3);
    // Pauses of 20 ms then 40 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('sends nothing when nothing reaches the alert level', async () => {
    bodies.length = 0;
    const deliveries = await sendAlerts(
      {
        runId: 'r2',
        status: 'warn',
        counts: { pass: 0, warn: 1, fail: 0 },
        results: [result('warn')],
      },
      { webhooks: [`${base}/ok`], on: 'fail' },
    );
    expect(deliveries).toEqual([]);
    expect(bodies).toEqual([]);
  });
});
