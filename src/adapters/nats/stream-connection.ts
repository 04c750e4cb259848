import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { NatsConfig } from '../../core/config/config.js';

/** Headers a collector sets beside Nats-Msg-Id, read back by the consumer. */
export const SOURCE_HEADER = 'Convrev-Source';
export const RECEIVED_AT_HEADER = 'Convrev-Received-At';

/**
 * A connection to every server of `ingest.nats.servers` that keeps reconnecting: a collector or
 * consumer outlives the loss of a cluster node, whichever it was talking to.
 */
export function connectNats(nats: NatsConfig, name: string): Promise<NatsConnection> {
  return connect({
    servers: nats.servers
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
  });
}

/**
 * Creates the stream with its subject and `replicas` when it is missing; an existing stream is
 * left as its operator made it (a warning when it keeps fewer replicas than configured).
 */
export async function ensureStream(
  nc: NatsConnection,
  nats: NatsConfig,
  logger?: Logger,
): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const found = await jsm.streams.info(nats.stream).catch(() => null);
  if (!found) {
    await jsm.streams.add({
      name: nats.stream,
      subjects: [nats.subject],
      num_replicas: nats.replicas ?? 1,
    });
    return;
  }
  if (found.config.num_replicas < (nats.replicas ?? 1))
    logger?.warn(
      { stream: nats.stream, replicas: found.config.num_replicas, configured: nats.replicas },
      'the stream keeps fewer replicas than ingest.nats.replicas',
    );
}

/**
 * The subject a collector publishes a record of `source` to, inside the configured subject:
 * a trailing `>` or each `*` becomes the source as one subject token.
 */
export function publishSubject(pattern: string, source: string): string {
  const token = source.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
  const tokens = pattern.split('.');
  if (tokens.at(-1) === '>') tokens[tokens.length - 1] = token;
  return tokens.map((t) => (t === '*' ? token : t)).join('.');
}
