import { DEFAULT_IDENTITY, type Config } from '../../core/config/config.js';

/** The `identity:` section of the YAML config as the JSON Schema guarantees it. */
export interface RawIdentitySection {
  readonly identity?: {
    readonly unique_types?: readonly string[];
    readonly max_per_type?: Readonly<Record<string, number>>;
    readonly device_types?: readonly string[];
    readonly max_persons_per_device?: number;
    readonly junk_values?: readonly string[];
  };
}

/**
 * The identity section of a checked config, defaults filled in per key (a `max_per_type` given
 * replaces the default limits as a whole); absent from the file, it stays absent (readers fall
 * back to DEFAULT_IDENTITY).
 */
export function buildIdentitySection(raw: RawIdentitySection): Pick<Config, 'identity'> {
  const identity = raw.identity;
  if (identity === undefined) return {};
  const d = DEFAULT_IDENTITY;
  return {
    identity: {
      uniqueTypes: identity.unique_types ?? d.uniqueTypes,
      maxPerType: identity.max_per_type ?? d.maxPerType,
      deviceTypes: identity.device_types ?? d.deviceTypes,
      maxPersonsPerDevice: identity.max_persons_per_device ?? d.maxPersonsPerDevice,
      junkValues: identity.junk_values ?? d.junkValues,
    },
  };
}
