/**
 * A calendar date known to a day, a month or a year, as the inclusive range of days (since
 * 1970-01-01) it may stand for.
 */
export interface PartialDate {
  readonly firstDay: number;
  readonly lastDay: number;
}

const DAY_MS = 86_400_000;
const FULL = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
const MONTH = /^(\d{4})-(\d{1,2})$/;
const YEAR = /^(\d{4})$/;

function dayNumber(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2021-02-30 over to March; a date that does not round-trip is not a date.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.floor(ms / DAY_MS);
}

/**
 * Parses `YYYY-MM-DD` (a time after it is ignored), `YYYY-MM` or `YYYY`; anything else, including
 * impossible dates, is null so that a comparison treats it as unknown rather than guessing.
 */
export function parsePartialDate(value: string | null | undefined): PartialDate | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  let m = FULL.exec(text);
  if (m) {
    const day = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
    return day === null ? null : { firstDay: day, lastDay: day };
  }
  m = MONTH.exec(text);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    const first = dayNumber(year, month, 1)!;
    const next = month === 12 ? dayNumber(year + 1, 1, 1)! : dayNumber(year, month + 1, 1)!;
    return { firstDay: first, lastDay: next - 1 };
  }
  m = YEAR.exec(text);
  if (m) {
    const year = Number(m[1]);
    return { firstDay: dayNumber(year, 1, 1)!, lastDay: dayNumber(year, 12, 31)! };
  }
  return null;
}

/**
 * Fewest days between two possibly partial dates: 0 when their ranges overlap (1971-06 and
 * 1971-06-24 may be the same day), null when either is missing or unreadable.
 */
export function daysApart(
  a: string | PartialDate | null | undefined,
  b: string | PartialDate | null | undefined,
): number | null {
  const x = typeof a === 'string' || a === null || a === undefined ? parsePartialDate(a) : a;
  const y = typeof b === 'string' || b === null || b === undefined ? parsePartialDate(b) : b;
  if (x === null || y === null) return null;
  if (x.lastDay < y.firstDay) return y.firstDay - x.lastDay;
  if (y.lastDay < x.firstDay) return x.firstDay - y.lastDay;
  return 0;
}
