import { attributionProblem, throwIfProblems } from './attribution-error.js';

/** Between the channels of a path key, as fractribution writes them: `A > B > C`. */
export const PATH_SEPARATOR = ' > ';

/**
 * The key of a path of channels. The empty path (a journey with no eligible touch) is ''. A channel
 * that is empty or contains the separator would make keys ambiguous and throws.
 */
export function pathKey(path: readonly string[]): string {
  for (const channel of path)
    if (channel === '' || channel.includes(PATH_SEPARATOR))
      throwIfProblems([
        attributionProblem(
          'path.channel_name',
          `channel ${JSON.stringify(channel)} cannot appear in a path key (empty or contains "${PATH_SEPARATOR}")`,
          'channel',
        ),
      ]);
  return path.join(PATH_SEPARATOR);
}

/** The channels of a path key; '' is the empty path. */
export function parsePathKey(key: string): string[] {
  return key === '' ? [] : key.split(PATH_SEPARATOR);
}
