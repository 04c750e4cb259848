import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { NatsConfig } from '../../core/config/config.js';
import {
  connectNats,
  ensureStream,
  publishSubject,
  RECEIVED_AT_HEADER,
  SOURCE_HEADER,
} from './stream-connection.js';

/** One record as a collector hands it to the stream. */
export interface StreamMessage {
  /** The record's text as the consumer will read it (JSON, or a malformed body as sent). */
  readonly data: string;
  /** Nats-Msg-Id: the event id or content fingerprint, so JetStream drops a republished copy. */
  readonly id: string;
  readonly source: string;
  readonly receivedAt: number;
}

/** JetStream did not confirm storing every message of a request; the client should retry. */
export class PublishError extends Error {
  override readonly name = 'PublishError';
  constructor(
    readonly failed: number,
    options: { cause: unknown },
  ) {
    super(`JetStream did not acknowledge ${failed} message(s)`, options);
  }
}

// Nats-Msg-Id, source and receive time take far less; the rest is the servers' own framing.
const HEADER_ROOM = 4 * 1024;
// Past this a leader election is taking long; the client's retry is the better wait.
const PUBLISH_TIMEOUT_MS = 5_000;

/** Publishes records to the configured stream and resolves only once JetStream has stored them. */
export class StreamPublisher {
  private up = true;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly nats: NatsConfig,
  ) {
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === 'disconnect') this.up = false;
        else if (status.type === 'reconnect') this.up = true;
      }
    })();
  }

  /** Connects to the servers and creates the stream when missing. */
  static async open(nats: NatsConfig, logger?: Logger): Promise<StreamPublisher> {
    const nc = await connectNats(nats, 'convrev-collector');
    try {
      await ensureStream(nc, nats, logger);
    } catch (error) {
      await nc.close();
      throw error;
    }
    return new StreamPublisher(nc, jetstream(nc), nats);
  }

  /** The largest message the servers take, less room for the headers convrev sets. */
  get maxMessageBytes(): number {
    return (this.nc.info?.max_payload ?? 1024 * 1024) - HEADER_ROOM;
  }

  /** Whether the connection is up (it reconnects by itself after a node is lost). */
  get connected(): boolean {
    return this.up && !this.nc.isClosed();
  }

  /**
   * Publishes every message concurrently, each with its id for JetStream's duplicate window.
   * Resolves with how many JetStream recognised as already stored; throws PublishError when
   * any was not acknowledged (some others may be stored: a retry with the same ids is safe).
   */
  async publish(messages: readonly StreamMessage[]): Promise<{ duplicates: number }> {
    const results = await Promise.allSettled(
      messages.map((m) => {
        const h = headers();
        h.set(SOURCE_HEADER, m.source);
        h.set(RECEIVED_AT_HEADER, String(m.receivedAt));
        return this.js.publish(publishSubject(this.nats.subject, m.source), m.data, {
          msgID: m.id,
          headers: h,
          expect: { streamName: this.nats.stream },
          timeout: PUBLISH_TIMEOUT_MS,
        });
      }),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed[0]?.status === 'rejected')
      throw new PublishError(failed.length, { cause: failed[0].reason });
    return {
      duplicates: results.filter((r) => r.status === 'fulfilled' && r.value.duplicate).length,
    };
  }

  async close(): Promise<void> {
    await this.nc.drain().catch(() => this.nc.close());
  }
}
