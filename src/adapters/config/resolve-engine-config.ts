import { resolve } from 'node:path';
import {
  DATABASE_URL_ENV,
  DEFAULT_ENGINE,
  DEFAULT_POSTGRES_SCHEMA,
  type EngineConfig,
  type EngineKind,
} from '../../core/config/config.js';
import type { Problem } from '../../core/errors.js';
import { describeDatabaseUrl } from '../../engine/postgres/describe-database-url.js';
import type { RawConfig } from './raw-config.js';

/** Engine settings given on the command line; each wins over the config file. */
export interface EngineOverrides {
  readonly kind?: EngineKind;
  /** A DuckDB file (--db), used as given. */
  readonly path?: string;
  /** A PostgreSQL URL (--database-url). */
  readonly url?: string;
  /** A PostgreSQL schema (--schema). */
  readonly schema?: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export type EngineResolution =
  | { readonly ok: true; readonly engine: EngineConfig }
  | { readonly ok: false; readonly problems: readonly Problem[] };

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const problem = (code: string, message: string): EngineResolution => ({
  ok: false,
  problems: [{ code, message }],
});

/**
 * The warehouse a command uses: flags over the config file over the environment over defaults.
 * A file may hold settings of both engines; `kind` (or --engine, or a flag only one engine has)
 * picks one. Messages never show a password.
 */
export function resolveEngineConfig(
  raw: RawConfig['engine'] | undefined,
  baseDir: string,
  overrides: EngineOverrides = {},
  env: Environment = process.env,
): EngineResolution {
  const file = raw ?? {};
  if (overrides.kind === undefined && overrides.url !== undefined && overrides.path !== undefined)
    return problem(
      'conflicting_flags',
      '--db is a DuckDB file and --database-url a PostgreSQL server: give one',
    );
  const implied =
    overrides.url !== undefined ? 'postgres' : overrides.path !== undefined ? 'duckdb' : undefined;
  const kind = overrides.kind ?? implied ?? file.kind ?? DEFAULT_ENGINE.kind;
  if (kind === 'duckdb') {
    if (overrides.url !== undefined)
      return problem('conflicting_flags', '--database-url needs the postgres engine, not duckdb');
    const filePath = file.path ?? DEFAULT_ENGINE.path;
    const path =
      overrides.path ?? (filePath === ':memory:' ? filePath : resolve(baseDir, filePath));
    return {
      ok: true,
      engine: {
        kind,
        path,
        memoryLimit: file.memory_limit ?? DEFAULT_ENGINE.memoryLimit,
        threads: file.threads ?? DEFAULT_ENGINE.threads,
      },
    };
  }
  if (overrides.path !== undefined)
    return problem(
      'conflicting_flags',
      '--db names a DuckDB file: with the postgres engine give --database-url',
    );
  const url = overrides.url ?? file.url ?? env[DATABASE_URL_ENV];
  if (url === undefined || url === '')
    return problem(
      'missing_database_url',
      `engine.url: the postgres engine needs a database URL (engine.url, the ${DATABASE_URL_ENV} environment variable or --database-url)`,
    );
  if (!/^postgres(ql)?:\/\//.test(url))
    return problem(
      'invalid_database_url',
      `engine.url: ${describeDatabaseUrl(url)} is not a postgres:// or postgresql:// URL`,
    );
  const schema = overrides.schema ?? file.schema ?? DEFAULT_POSTGRES_SCHEMA;
  if (!SCHEMA_NAME.test(schema))
    return problem(
      'invalid_value',
      `engine.schema: '${schema}' is not a schema name (letters, digits and _, at most 63, not starting with a digit)`,
    );
  return { ok: true, engine: { kind, url, schema } };
}
