export const DAY_MS = 86_400_000;

/**
 * Whether a touch falls in a conversion's lookback window: no later than the conversion and no
 * earlier than `days` whole days before it. Both ends are inclusive.
 */
export function inLookbackWindow(touchAt: number, conversionAt: number, days: number): boolean {
  return touchAt <= conversionAt && touchAt >= conversionAt - days * DAY_MS;
}
