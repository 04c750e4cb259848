// ISO-8601 calendar date, optional time with fraction, optional zone. A timestamp without a zone
// is read as UTC: sources that export local time must say so in their mapping (a later issue).
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch milliseconds of an ISO-8601 timestamp, or null when it is not one (or names no real day). */
export function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  const utc = utcMillis(...fields);
  const offset = zoneOffsetMinutes(zone);
  if (utc === null || offset === null) return null;
  const millis = frac === '' ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  return utc + millis - offset * 60_000;
}

/** Epoch milliseconds of midnight UTC of a YYYY-MM-DD date, or null. */
export function parseDate(text: string): number | null {
  const m = DATE.exec(text.trim());
  return m ? utcMillis(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0) : null;
}

function utcMillis(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
): number | null {
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59 || d < 1) return null;
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as written.
  const date = new Date(Date.UTC(2000, 0, 1, h, mi, s));
  date.setUTCFullYear(y, mo - 1, d);
  // A day a month does not have (2024-02-30) rolls over to the next month: refused.
  return date.getUTCDate() === d ? date.getTime() : null;
}

// Offsets in use run from −12:00 to +14:00; anything past ±14:00 or with minutes past 59 names
// no zone on Earth (+25:00), so the timestamp is refused rather than shifted by a typo.
const MAX_OFFSET_MINUTES = 14 * 60;

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  const total = hours * 60 + minutes;
  return minutes > 59 || total > MAX_OFFSET_MINUTES ? null : sign * total;
}
