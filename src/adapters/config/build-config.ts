import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_SERVER } from '../../core/config/config.js';
import type { Config, EngineConfig, SourceConfig } from '../../core/config/config.js';
import type { NumberFormat } from '../../core/values/number-format.js';
import { buildAttributionConfig } from './build-attribution-config.js';
import { buildIdentitySection } from './build-identity-config.js';
import { buildIngestSections } from './build-ingest-config.js';
import { buildMetricsConfig } from './build-metrics-config.js';
import { buildOperationsSections } from './build-operations-config.js';
import { buildQualitySection } from './build-quality-config.js';
import { defaultDelimiter, inferFormat } from './infer-format.js';
import type { RawConfig, RawSource } from './raw-config.js';

/**
 * Turns a checked YAML config into a `Config`: defaults filled in, snake_case keys renamed,
 * paths made absolute against the config file's folder so the result does not depend on the
 * directory convrev runs from. The engine comes resolved (resolveEngineConfig): it depends on
 * flags and the environment as well as on the file.
 */
export function buildConfig(raw: RawConfig, baseDir: string, engine: EngineConfig): Config {
  return {
    engine,
    attribution: buildAttributionConfig(raw.attribution),
    sources: raw.sources.map((source) => buildSource(source, baseDir)),
    // Absent stays absent: metricsConfigOf gives the defaults.
    ...(raw.metrics === undefined ? {} : { metrics: buildMetricsConfig(raw.metrics) }),
    ...buildIngestSections(raw),
    ...buildIdentitySection(raw),
    ...buildQualitySection(raw, baseDir),
    ...buildOperationsSections(raw, baseDir),
    ...(raw.server === undefined
      ? {}
      : {
          server: {
            ...(raw.server.url === undefined ? {} : { url: raw.server.url.replace(/\/$/, '') }),
            corsOrigins: raw.server.cors_origins ?? DEFAULT_SERVER.corsOrigins,
            rateLimitMax: raw.server.rate_limit?.max ?? DEFAULT_SERVER.rateLimitMax,
            rateLimitWindowMs:
              (raw.server.rate_limit?.window_seconds ?? DEFAULT_SERVER.rateLimitWindowMs / 1000) *
              1000,
          },
        }),
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
    ...(raw.skip_lines ? { skipLines: raw.skip_lines } : {}),
    ...(raw.timestamp_format === undefined ? {} : { timestampFormat: raw.timestamp_format }),
    ...(raw.timezone === undefined ? {} : { timezone: raw.timezone }),
    ...(raw.where === undefined ? {} : { where: raw.where }),
    ...(raw.derived === undefined ? {} : { derived: { ...raw.derived } }),
    ...(raw.number_format === undefined ? {} : { numberFormat: numberFormatOf(raw.number_format) }),
    ...(raw.values
      ? {
          values: Object.fromEntries(
            Object.entries(raw.values).map(([field, map]) => [
              field,
              Object.fromEntries(Object.entries(map).map(([k, v]) => [k.trim(), String(v)])),
            ]),
          ),
        }
      : {}),
    ...(raw.append_only ? { appendOnly: true } : {}),
  };
}

/** A number_format with its defaults: decimal '.', thousands ',' (or '.' when the decimal is ','). */
function numberFormatOf(raw: NonNullable<RawSource['number_format']>): NumberFormat {
  const decimal = raw.decimal ?? '.';
  return {
    decimal,
    thousands: raw.thousands ?? (decimal === '.' ? ',' : '.'),
    ...(raw.currencies === undefined ? {} : { currencies: [...raw.currencies] }),
  };
}
