import type { SourceKind } from '../../core/canonical/source-kinds.js';
import type { EngineKind, SourceFormat } from '../../core/config/config.js';
import type { RawIdentitySection } from './build-identity-config.js';
import type { RawIngestSections } from './build-ingest-config.js';
import type { RawAttribution } from './raw-attribution.js';
import type { RawQualitySection } from './build-quality-config.js';
import type { RawMetrics } from './raw-metrics.js';
import type { RawOperationsSections } from './build-operations-config.js';

/** A source as written in the YAML file, once the JSON Schema has accepted it. */
export interface RawSource {
  readonly name: string;
  readonly kind: SourceKind;
  readonly path: string;
  readonly format?: SourceFormat;
  readonly delimiter?: string;
  readonly skip_lines?: number;
  readonly append_only?: boolean;
  readonly mapping?: Readonly<Record<string, string>>;
  readonly constants?: Readonly<Record<string, string | number | boolean>>;
  readonly values?: Readonly<Record<string, Readonly<Record<string, string | number | boolean>>>>;
  readonly timestamp_format?: string;
  readonly timezone?: string;
  readonly number_format?: {
    readonly decimal?: '.' | ',';
    readonly thousands?: string;
    readonly currencies?: readonly string[];
  };
  readonly where?: string;
  readonly derived?: Readonly<Record<string, string>>;
}

/** The YAML config (snake_case keys) as the JSON Schema guarantees it; every section optional but sources. */
export interface RawConfig
  extends RawIngestSections, RawIdentitySection, RawQualitySection, RawOperationsSections {
  readonly engine?: {
    readonly kind?: EngineKind;
    readonly path?: string;
    readonly url?: string;
    readonly schema?: string;
    readonly memory_limit?: string;
    readonly threads?: number;
  };
  readonly attribution?: RawAttribution;
  readonly sources: readonly RawSource[];
  readonly metrics?: RawMetrics;
  readonly server?: {
    readonly url?: string;
    readonly cors_origins?: readonly string[];
    readonly rate_limit?: { readonly max?: number; readonly window_seconds?: number };
  };
}
