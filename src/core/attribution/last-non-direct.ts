/**
 * Index of the touch a last-non-direct model credits: the last whose channel is not direct
 * (compared case-insensitively), or the last touch when every touch is direct. −1 for no touch.
 */
export function lastNonDirectIndex(
  channels: readonly string[],
  directChannels: readonly string[],
): number {
  const direct = new Set(directChannels.map((c) => c.toLowerCase()));
  for (let i = channels.length - 1; i >= 0; i--)
    if (!direct.has((channels[i] ?? '').toLowerCase())) return i;
  return channels.length - 1;
}
