import { EngineError, UserError } from '../../core/errors.js';
import type { KeyScope } from '../../pipeline/ingest/write-keys.js';
import type { ServerState } from './server-state.js';

/** The environment variable holding the API key the CLI sends to a running server. */
export const API_KEY_ENV = 'CONVREV_API_KEY';

/** "the warehouse … is held by convrev serve at URL (pid N)": the start of every such line. */
export function heldBy(state: ServerState): string {
  return `the warehouse is held by convrev serve at ${state.url}${state.pid ? ` (pid ${state.pid})` : ''}`;
}

const aKey = (scope: KeyScope) => `${scope === 'admin' ? 'an' : 'a'} ${scope} key`;

/**
 * The CLI's side of the server's API, for commands run while `convrev serve` holds the DuckDB
 * file. Every refusal becomes one line saying what to do (a key of the right scope, or stop
 * the server); answers are the API's JSON.
 */
export class ServerClient {
  private constructor(
    readonly state: ServerState,
    private readonly key: string,
    private readonly scope: KeyScope,
  ) {}

  /** A client with the key from CONVREV_API_KEY; without one, the line saying what to do. */
  static fromEnvironment(state: ServerState, scope: KeyScope): ServerClient {
    const key = process.env[API_KEY_ENV]?.trim();
    if (!key)
      throw new UserError(
        `${heldBy(state)}; set ${API_KEY_ENV} to ${aKey(scope)}, or stop the server`,
      );
    return new ServerClient(state, key, scope);
  }

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  /** Sends a request; 2xx answers their JSON, `accept` lists further statuses that are answers. */
  async send<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    accept: readonly number[] = [],
  ): Promise<T> {
    const answer = await this.fetch(method, path, body);
    if (answer.ok || accept.includes(answer.status)) return (await answer.json()) as T;
    const message = await messageOf(answer);
    if (answer.status === 401)
      throw new UserError(
        `${heldBy(this.state)}; it refuses the key in ${API_KEY_ENV} (${message}): set it to ${aKey(this.scope)}, or stop the server`,
      );
    if (answer.status === 403)
      throw new UserError(
        `${heldBy(this.state)}; the key in ${API_KEY_ENV} lacks the ${this.scope} scope: set it to ${aKey(this.scope)}, or stop the server`,
      );
    if (answer.status === 404 && message === '')
      throw new UserError(
        `${heldBy(this.state)}; it has no ${method} ${path.split('?')[0]} (an older version?): stop the server to run this command`,
      );
    if (answer.status < 500) throw new UserError(message || `${method} ${path}: ${answer.status}`);
    throw new EngineError(
      `convrev serve at ${this.state.url} answered ${answer.status}: ${message}`,
      '',
    );
  }

  private async fetch(method: string, path: string, body: unknown): Promise<Response> {
    try {
      return await fetch(`${this.state.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      const reason =
        cause instanceof Error && cause.cause instanceof Error
          ? cause.cause.message
          : String(cause);
      throw new UserError(
        `${heldBy(this.state)}, which does not answer (${reason}): stop it (kill ${this.state.pid}) and retry`,
        { cause },
      );
    }
  }
}

// Fastify's own 404 says "Route GET:/x not found"; the routes' own refusals carry a message.
async function messageOf(answer: Response): Promise<string> {
  try {
    const body = (await answer.json()) as { message?: unknown; error?: unknown };
    if (body.error === 'Not Found') return '';
    return typeof body.message === 'string' ? body.message : '';
  } catch {
    return '';
  }
}
