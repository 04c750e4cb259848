/** The over-merge guards of deterministic stitching, by identifier type name. */
export interface StitchGuardConfig {
  /** Types of which one person holds at most one value (login ids, CRM contact ids). */
  readonly uniqueTypes: readonly string[];
  /** Most identifiers of a type one person may hold (a few emails, a few phones). */
  readonly maxPerType: Readonly<Record<string, number>>;
  /** Types a device or browser carries, which several people may share. */
  readonly deviceTypes: readonly string[];
  /**
   * A device identifier seen with more than this many otherwise separate persons is a shared
   * device (a family tablet, a shop kiosk) and merges none of them.
   */
  readonly maxPersonsPerDevice: number;
}

/**
 * Defaults: a login and a CRM contact are one per person; a few emails and phones; a browser seen
 * with two otherwise separate persons (one person's work and home email) still merges them, with
 * three or more it is a shared device.
 */
export const DEFAULT_STITCH_GUARDS: StitchGuardConfig = {
  uniqueTypes: ['user_id', 'crm_contact_id'],
  maxPerType: { email: 5, phone: 5, anonymous_id: 50 },
  deviceTypes: ['anonymous_id'],
  maxPersonsPerDevice: 2,
};

/** Outcome codes of an edge: accepted, or why the guards refused it. */
export const ACCEPTED = 0;
export const UNIQUE_CONFLICT = 1;
export const TYPE_LIMIT = 2;
export const SHARED_DEVICE = 3;
export const REFUSAL_REASONS = [
  'accepted',
  'unique_conflict',
  'type_limit',
  'shared_device',
] as const;

/** Guards by type index, as the stitcher uses them. */
export interface CompiledGuards {
  readonly typeNames: readonly string[];
  /** Per type index: most identifiers of that type per person; 0 means no limit. */
  readonly limit: Uint8Array;
  readonly unique: Uint8Array;
  readonly device: Uint8Array;
  readonly maxPersonsPerDevice: number;
}

/** Resolves a config against the type names in play; limits must be 1..254. */
export function compileStitchGuards(
  config: StitchGuardConfig,
  typeNames: readonly string[],
): CompiledGuards {
  if (typeNames.length > 255) throw new RangeError('at most 255 identifier types');
  const limit = new Uint8Array(typeNames.length);
  const unique = new Uint8Array(typeNames.length);
  const device = new Uint8Array(typeNames.length);
  typeNames.forEach((name, t) => {
    const max = config.maxPerType[name];
    if (max !== undefined) {
      if (!(Number.isInteger(max) && max >= 1 && max <= 254))
        throw new RangeError(`maxPerType.${name} must be a whole number from 1 to 254`);
      limit[t] = max;
    }
    if (config.uniqueTypes.includes(name)) {
      unique[t] = 1;
      limit[t] = 1;
    }
    if (config.deviceTypes.includes(name)) device[t] = 1;
  });
  if (!(config.maxPersonsPerDevice >= 1))
    throw new RangeError('maxPersonsPerDevice must be at least 1');
  return { typeNames, limit, unique, device, maxPersonsPerDevice: config.maxPersonsPerDevice };
}
