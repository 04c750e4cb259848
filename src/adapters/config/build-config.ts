import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_ATTRIBUTION, DEFAULT_ENGINE } from '../../core/config/config.js';
import type { Config, SourceConfig } from '../../core/config/config.js';
import { defaultDelimiter, inferFormat } from './infer-format.js';
import type { RawConfig, RawSource } from './raw-config.js';

/**
 * Turns a checked YAML config into a `Config`: defaults filled in, snake_case keys renamed,
 * paths made absolute against the config file's folder so the result does not depend on the
 * directory convrev runs from.
 */
export function buildConfig(raw: RawConfig, baseDir: string): Config {
  const engine = raw.engine ?? {};
  const attribution = raw.attribution ?? {};
  const enginePath = engine.path ?? DEFAULT_ENGINE.path;
  return {
    engine: {
      kind: engine.kind ?? DEFAULT_ENGINE.kind,
      path: enginePath === ':memory:' ? enginePath : resolve(baseDir, enginePath),
      memoryLimit: engine.memory_limit ?? DEFAULT_ENGINE.memoryLimit,
      threads: engine.threads ?? DEFAULT_ENGINE.threads,
    },
    attribution: {
      lookbackDays: attribution.lookback_days ?? DEFAULT_ATTRIBUTION.lookbackDays,
      models: attribution.models ?? DEFAULT_ATTRIBUTION.models,
      conversions: attribution.conversions ?? DEFAULT_ATTRIBUTION.conversions,
    },
    sources: raw.sources.map((source) => buildSource(source, baseDir)),
  };
}

function buildSource(raw: RawSource, baseDir: string): SourceConfig {
  return {
    name: raw.name,
    kind: raw.kind,
    path: isAbsolute(raw.path) ? raw.path : resolve(baseDir, raw.path),
    // checkSources has refused a source whose format is neither given nor inferable.
    format: raw.format ?? inferFormat(raw.path) ?? 'csv',
    mapping: { ...raw.mapping },
    constants: { ...raw.constants },
    delimiter: raw.delimiter ?? defaultDelimiter(raw.path),
  };
}
