import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';

/** The nats-server binary the cluster suite and bench:jetstream start (NATS_SERVER overrides). */
export const NATS_SERVER = process.env.NATS_SERVER ?? '/usr/sbin/nats-server';

export const natsServerInstalled = (): boolean => existsSync(NATS_SERVER);

export interface NatsNode {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<string>;
}

export interface NatsCluster {
  readonly nodes: readonly NatsNode[];
  /** Every client URL, comma-separated (ingest.nats.servers). */
  readonly servers: string;
  connect(): Promise<NatsConnection>;
  /** SIGKILLs every node still running and waits for them to end. */
  stop(): Promise<void>;
}

/** Ports free on loopback now (the OS picks them; each is released before it is returned). */
export async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  const held = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  for (const server of held) {
    const address = server.address();
    if (address && typeof address === 'object') ports.push(address.port);
    await new Promise((r) => server.close(r));
  }
  return ports;
}

/**
 * Starts `size` nats-server processes with JetStream, each storing under `dir`, routed to each
 * other on loopback as one cluster; resolves once the cluster has a JetStream metadata leader.
 */
export async function startNatsCluster(dir: string, size = 3): Promise<NatsCluster> {
  const ports = await freePorts(size * 2);
  const clientPorts = ports.slice(0, size);
  const routePorts = ports.slice(size);
  const cluster = `convrev_test_${process.pid}`;
  const nodes: NatsNode[] = clientPorts.map((port, i) => {
    const name = `n${i + 1}`;
    const store = join(dir, name);
    mkdirSync(store, { recursive: true });
    const routes = routePorts
      .filter((_p, j) => j !== i)
      .map((p) => `nats://127.0.0.1:${p}`)
      .join(',');
    const child = spawn(
      NATS_SERVER,
      [
        ...['-a', '127.0.0.1', '-p', String(port), '-n', name, '-js', '-sd', store],
        ...['--cluster_name', cluster, '--cluster', `nats://127.0.0.1:${routePorts[i]}`],
        ...['--routes', routes],
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(String(signal ?? code))),
    );
    return { name, url: `nats://127.0.0.1:${port}`, child, exited };
  });
  const servers = nodes.map((n) => n.url).join(',');
  const running = () => nodes.filter((n) => n.child.exitCode === null && !n.child.signalCode);
  const result: NatsCluster = {
    nodes,
    servers,
    connect: () =>
      connect({
        servers: running().map((n) => n.url),
        maxReconnectAttempts: -1,
        reconnectTimeWait: 250,
      }),
    async stop() {
      const alive = running();
      for (const n of alive) n.child.kill('SIGKILL');
      await Promise.all(alive.map((n) => n.exited));
    },
  };
  try {
    await waitForMetaLeader(result);
  } catch (error) {
    await result.stop();
    throw error;
  }
  return result;
}

async function waitForMetaLeader(cluster: NatsCluster, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const nc = await cluster.connect();
      try {
        const jsm = await jetstreamManager(nc, { timeout: 2_000 });
        const info = await jsm.getAccountInfo();
        if (info) return;
      } finally {
        await nc.close();
      }
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the NATS cluster did not elect a JetStream leader: ${String(last)}`);
}
