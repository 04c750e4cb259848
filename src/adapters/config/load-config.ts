import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { YAMLError } from 'yaml';
import type { Config } from '../../core/config/config.js';
import { ConfigError } from '../../core/errors.js';
import type { Problem } from '../../core/errors.js';
import { buildConfig } from './build-config.js';
import { checkAttribution } from './build-attribution-config.js';
import { checkContracts } from './build-ingest-config.js';
import { checkMetrics } from './build-metrics-config.js';
import { checkOperations } from './build-operations-config.js';
import { checkSources } from './check-sources.js';
import { checkConfigSchema } from './config-schema.js';
import type { RawConfig } from './raw-config.js';
import {
  resolveEngineConfig,
  type EngineOverrides,
  type Environment,
} from './resolve-engine-config.js';

export { configSchemaPath } from './config-schema.js';

/** What a command adds to the file: engine flags, and the environment to read a URL from. */
export interface LoadOptions {
  readonly engine?: EngineOverrides;
  readonly env?: Environment;
}

/**
 * Reads, validates and resolves a convrev YAML config. Relative paths in it are resolved
 * against the config file's folder. Throws `ConfigError` listing every problem found, each
 * naming its path inside the config (`sources[2].mapping.occurred_at: …`); a missing file has
 * the code `file_not_found`.
 */
export async function loadConfig(file: string, options: LoadOptions = {}): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    const missing = error instanceof Error && 'code' in error && error.code === 'ENOENT';
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(file, [
      missing
        ? { code: 'file_not_found', message: 'the config file does not exist' }
        : { code: 'unreadable_file', message: `cannot read the config file: ${reason}` },
    ]);
  }
  return parseConfig(text, file, dirname(resolve(file)), options);
}

/**
 * Validates and resolves config text without touching the disk: `file` names it in errors,
 * `baseDir` is the folder its relative paths are resolved against.
 */
export function parseConfig(
  text: string,
  file: string,
  baseDir: string,
  options: LoadOptions = {},
): Config {
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new ConfigError(file, document.errors.map(yamlProblem));
  const checked = checkConfig(document.toJS());
  if (!checked.ok) throw new ConfigError(file, checked.problems);
  const engine = resolveEngineConfig(checked.value.engine, baseDir, options.engine, options.env);
  if (!engine.ok) throw new ConfigError(file, engine.problems);
  return buildConfig(checked.value, baseDir, engine.engine);
}

/**
 * Every problem of an already parsed config document (schema, field names, constants, source
 * names, formats); empty when it is valid. For callers that report rather than throw.
 */
export function validateConfigObject(value: unknown): readonly Problem[] {
  const checked = checkConfig(value);
  return checked.ok ? [] : checked.problems;
}

function checkConfig(
  value: unknown,
): { ok: true; value: RawConfig } | { ok: false; problems: readonly Problem[] } {
  if (value === null || value === undefined) {
    return {
      ok: false,
      problems: [
        { code: 'empty_config', message: 'the config is empty; it needs at least a sources list' },
      ],
    };
  }
  const schema = checkConfigSchema(value);
  // Field and constant checks assume the shape the schema guarantees, so they wait for it.
  if (!schema.ok) return schema;
  const problems = [
    ...checkSources(schema.value),
    ...checkMetrics(schema.value.metrics),
    ...checkAttribution(schema.value.attribution),
    ...checkContracts(schema.value),
    ...checkOperations(schema.value),
  ];
  return problems.length > 0 ? { ok: false, problems } : schema;
}

function yamlProblem(error: YAMLError): Problem {
  // The message repeats the position and appends a source excerpt; keep the reason only.
  const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  const at = error.linePos?.[0];
  const where = at === undefined ? '' : ` at line ${at.line}, column ${at.col}`;
  return { code: 'yaml_syntax', message: `YAML syntax error${where}: ${reason}` };
}
