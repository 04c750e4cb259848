import { DEFAULT_IDENTITY, type Config } from '../../core/config/config.js';
import { UserError } from '../../core/errors.js';

/** The `identity:` section of the YAML config as the JSON Schema guarantees it. */
export interface RawIdentitySection {
  readonly identity?: {
    readonly unique_types?: readonly string[];
    readonly max_per_type?: Readonly<Record<string, number>>;
    readonly device_types?: readonly string[];
    readonly max_persons_per_device?: number;
    readonly junk_values?: readonly string[];
    readonly matching?: {
      readonly enabled?: boolean;
      readonly threshold?: number;
      readonly duplicate_threshold?: number;
      readonly cannot_link_below?: number;
      readonly max_block_size?: number;
      readonly max_candidate_pairs?: number;
      readonly u_pairs?: number;
      readonly seed?: number;
    };
    readonly accounts?: {
      readonly email_domains?: boolean;
      readonly free_mail_domains?: readonly string[];
    };
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
  const m = identity.matching;
  const dm = d.matching;
  if (
    m?.threshold !== undefined &&
    m.duplicate_threshold === undefined &&
    m.threshold > dm.duplicateThreshold
  )
    throw new UserError(
      `identity.matching.threshold ${m.threshold} is above the default duplicate_threshold ${dm.duplicateThreshold}: set duplicate_threshold too`,
    );
  if ((m?.duplicate_threshold ?? dm.duplicateThreshold) < (m?.threshold ?? dm.threshold))
    throw new UserError('identity.matching.duplicate_threshold must be at least threshold');
  return {
    identity: {
      uniqueTypes: identity.unique_types ?? d.uniqueTypes,
      maxPerType: identity.max_per_type ?? d.maxPerType,
      deviceTypes: identity.device_types ?? d.deviceTypes,
      maxPersonsPerDevice: identity.max_persons_per_device ?? d.maxPersonsPerDevice,
      junkValues: identity.junk_values ?? d.junkValues,
      matching: {
        enabled: m?.enabled ?? dm.enabled,
        threshold: m?.threshold ?? dm.threshold,
        duplicateThreshold: m?.duplicate_threshold ?? dm.duplicateThreshold,
        cannotLinkBelow: m?.cannot_link_below ?? dm.cannotLinkBelow,
        maxBlockSize: m?.max_block_size ?? dm.maxBlockSize,
        maxCandidatePairs: m?.max_candidate_pairs ?? dm.maxCandidatePairs,
        uPairs: m?.u_pairs ?? dm.uPairs,
        seed: m?.seed ?? dm.seed,
      },
      accounts: {
        emailDomains: identity.accounts?.email_domains ?? d.accounts.emailDomains,
        freeMailDomains: identity.accounts?.free_mail_domains ?? d.accounts.freeMailDomains,
      },
    },
  };
}
