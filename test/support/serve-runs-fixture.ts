import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/adapters/config/load-config.js';
import { openEngine } from '../../src/engine/open-engine.js';
import { createWriteKey } from '../../src/pipeline/ingest/write-keys.js';

/** Two conversations; events of the demo-request type are the conversions counted. */
export const CONVERSATIONS_CSV =
  'conversation_id,channel,started_at,email\nc1,chat,2026-03-01T10:00:00Z,ann@example.com\nc2,chat,2026-03-02T10:00:00Z,bob@example.com\n';

export interface ServeFixture {
  readonly dir: string;
  readonly configPath: string;
  /** A key of every scope. */
  readonly key: string;
}

/**
 * A folder with a config (one conversations file, one conversion: each chat.demo.requested
 * event, worth 10) and a warehouse holding an admin+read+ingest key, for `convrev serve`.
 */
export async function serveFixture(options: {
  engineYaml: string;
  schedule?: string;
  publish?: boolean;
}): Promise<ServeFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'convrev-serve-runs-'));
  await writeFile(join(dir, 'conversations.csv'), CONVERSATIONS_CSV);
  const configPath = join(dir, 'convrev.yaml');
  await writeFile(
    configPath,
    [
      options.engineYaml,
      options.schedule ? `schedule: ${options.schedule}` : '',
      options.publish ? 'publish: { dir: ./published }' : '',
      'attribution:',
      '  conversions:',
      '    - { name: demo, outcome: custom, event_type: chat.demo.requested, value: 10 }',
      '  models: [linear]',
      'sources:',
      '  - { name: chats, kind: conversations, path: conversations.csv }',
      '',
    ].join('\n'),
  );
  const config = await loadConfig(configPath);
  const engine = await openEngine(config.engine);
  try {
    const { key } = await createWriteKey(engine, {
      name: 'test',
      source: 'web',
      scopes: ['ingest', 'read', 'admin'],
    });
    return { dir, configPath, key };
  } finally {
    await engine.close();
  }
}

/** A Segment-spec track call as an analytics SDK sends it. */
export function demoRequested(messageId: string, conversationId: string) {
  return {
    type: 'track',
    event: 'chat.demo.requested',
    messageId,
    userId: `u-${conversationId}`,
    timestamp: '2026-03-01T10:05:00Z',
    sentAt: new Date().toISOString(),
    properties: { conversation_id: conversationId },
    context: { library: { name: 'analytics-node', version: '6.0.0' } },
  };
}

/** Polls `probe` until it returns a value other than undefined, or throws after `ms`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  ms: number,
  what: string,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
