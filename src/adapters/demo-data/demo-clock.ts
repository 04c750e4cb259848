/**
 * The demo's calendar. Every date derives from one fixed anchor so that output never depends on
 * when it was generated: the data covers the year that ends at the anchor, which leaves some deals
 * still open and some orders arriving after the period closed.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** 2026-01-01T00:00:00Z: the end of the demo year. */
export const DEMO_END = Date.UTC(2026, 0, 1);
export const DEMO_DAYS = 365;
export const DEMO_START = DEMO_END - DEMO_DAYS * DAY_MS;

/** Zero-based day of the demo year of an instant (clamped, so callers can index arrays). */
export function dayIndex(ms: number): number {
  return Math.min(DEMO_DAYS - 1, Math.max(0, Math.floor((ms - DEMO_START) / DAY_MS)));
}

export function clampToYear(ms: number): number {
  return Math.min(DEMO_END - MINUTE_MS, Math.max(DEMO_START, Math.round(ms)));
}

/** `2025-03-04T05:06:07Z`: what most SaaS exports write. */
export function isoUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `2025-03-04T05:06:07.089Z`: event streams keep milliseconds. */
export function isoUtcMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** `2025-03-04T05:06:07` (or with a space): exports that drop the zone; the loader reads UTC. */
export function isoNaive(ms: number, separator: 'T' | ' ' = 'T'): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)}${separator}${iso.slice(11, 19)}`;
}

/** `2025-03-04`. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export type LocalZone = 'us_eastern' | 'central_europe';

/**
 * Local wall-clock time with its UTC offset, daylight saving included, as a shop system or a
 * help desk in that zone exports it. The instant is the same as `ms`; only the notation differs.
 */
export function isoWithOffset(ms: number, zone: LocalZone): string {
  const offsetMinutes = zoneOffsetMinutes(ms, zone);
  const local = new Date(ms + offsetMinutes * MINUTE_MS).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

function zoneOffsetMinutes(ms: number, zone: LocalZone): number {
  const year = new Date(ms).getUTCFullYear();
  if (zone === 'us_eastern') {
    // Second Sunday of March to first Sunday of November, switching at 02:00 local time.
    const start = nthSunday(year, 2, 2) + 7 * HOUR_MS;
    const end = nthSunday(year, 10, 1) + 6 * HOUR_MS;
    return ms >= start && ms < end ? -240 : -300;
  }
  // Last Sunday of March to last Sunday of October, switching at 01:00 UTC.
  const start = lastSunday(year, 2) + HOUR_MS;
  const end = lastSunday(year, 9) + HOUR_MS;
  return ms >= start && ms < end ? 120 : 60;
}

/** Midnight UTC of the n-th Sunday of a month (month zero-based). */
function nthSunday(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return Date.UTC(year, month, 1 + ((7 - first) % 7) + (n - 1) * 7);
}

function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay());
}
