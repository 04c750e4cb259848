import { createHash } from 'node:crypto';
import type { IdentityConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import { sql } from '../../engine/sql/sql-statement.js';

/**
 * Bumped whenever the way persons are stitched changes, so that a graph kept by an older convrev
 * is re-stitched in full rather than patched. 2: the graph kept for incremental runs includes
 * identity_shared_devices, which older versions did not write.
 */
const STITCH_VERSION = 2;

/**
 * The digest of every identity setting persons depend on: guards, junk values and matching.
 * Accounts are left out: persons' accounts are re-derived from identifiers on every run.
 */
export function identitySettingsDigest(config: IdentityConfig): string {
  const { uniqueTypes, maxPerType, deviceTypes, maxPersonsPerDevice, junkValues, matching } =
    config;
  const sorted = Object.fromEntries(
    Object.entries(maxPerType).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return createHash('sha256')
    .update(
      JSON.stringify({
        version: STITCH_VERSION,
        config: {
          uniqueTypes: [...uniqueTypes].sort(),
          maxPerType: sorted,
          deviceTypes: [...deviceTypes].sort(),
          maxPersonsPerDevice,
          junkValues: [...junkValues].sort(),
          matching,
        },
      }),
    )
    .digest('hex')
    .slice(0, 32);
}

/**
 * What the graph now in identifiers was stitched under, for the next run to compare: the
 * settings digest, the identifier count, and the digest of what matching read (null: matching
 * off).
 */
export async function recordIdentitySettings(
  engine: Engine,
  config: IdentityConfig,
  identifiers: number,
  profilesDigest: string | null,
): Promise<void> {
  await engine.execute(sql('DELETE FROM identity_state'));
  await engine.execute(
    sql(
      'INSERT INTO identity_state (settings_digest, nodes, profiles_digest) VALUES ($1, $2, $3)',
      [identitySettingsDigest(config), identifiers, profilesDigest],
    ),
  );
}
