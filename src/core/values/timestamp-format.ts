/**
 * strftime-style timestamp formats of real exports (`%m/%d/%Y %I:%M %p`): compiled once per
 * source into a matcher that turns a cell into a wall-clock time (ms, as if UTC), or null when
 * the cell does not match. Directives: %Y %y %m %d %H %I %M %S %p %b and %%; any other text is
 * literal, and a space matches one or more spaces.
 */
export interface TimestampFormat {
  readonly text: string;
  /** The wall-clock time the value shows, written as if UTC; null when it does not match. */
  parse(value: string): number | null;
}

export const TIMESTAMP_DIRECTIVES = [
  'Y',
  'y',
  'm',
  'd',
  'H',
  'I',
  'M',
  'S',
  'p',
  'b',
  '%',
] as const;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const PATTERNS: Readonly<Record<string, string>> = {
  Y: '(\\d{4})',
  y: '(\\d{2})',
  m: '(\\d{1,2})',
  d: '(\\d{1,2})',
  H: '(\\d{1,2})',
  I: '(\\d{1,2})',
  M: '(\\d{2})',
  S: '(\\d{2})',
  p: '([AaPp][Mm])',
  b: '([A-Za-z]{3})',
};

/** Why a format cannot be used, or null when it can: unknown directives, %I without %p, no year. */
export function timestampFormatProblem(text: string): string | null {
  const seen = new Set<string>();
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] !== '%') continue;
    const d = text[i + 1];
    if (d === undefined || !(TIMESTAMP_DIRECTIVES as readonly string[]).includes(d))
      return `'%${d ?? ''}' at position ${i + 1} is not a supported directive (supported: ${TIMESTAMP_DIRECTIVES.map((x) => `%${x}`).join(' ')})`;
    if (d !== '%' && seen.has(d)) return `'%${d}' appears twice`;
    seen.add(d);
    i += 1;
  }
  if (!seen.has('Y') && !seen.has('y')) return 'it has no year (%Y or %y)';
  if (!seen.has('m') && !seen.has('b')) return 'it has no month (%m or %b)';
  if (!seen.has('d')) return 'it has no day (%d)';
  if (seen.has('I') !== seen.has('p')) return '%I (12-hour clock) and %p (AM/PM) go together';
  if (seen.has('I') && seen.has('H')) return 'use %H or %I, not both';
  return null;
}

/** Compiles a format `timestampFormatProblem` accepted. */
export function compileTimestampFormat(text: string): TimestampFormat {
  const order: string[] = [];
  let pattern = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? '';
    const d = text[i + 1] ?? '';
    if (c === '%' && d !== '%' && PATTERNS[d] !== undefined) {
      pattern += PATTERNS[d];
      order.push(d);
      i += 1;
    } else if (c === '%' && d === '%') {
      pattern += '%';
      i += 1;
    } else pattern += c === ' ' ? ' +' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const re = new RegExp(`^${pattern}$`);
  return {
    text,
    parse(value: string): number | null {
      const m = re.exec(value.trim());
      if (m === null) return null;
      const got: Record<string, string> = {};
      order.forEach((d, i) => (got[d] = m[i + 1] ?? ''));
      return wallClock(got);
    },
  };
}

function wallClock(got: Readonly<Record<string, string>>): number | null {
  const yy = got.y === undefined ? NaN : Number(got.y);
  // POSIX: two-digit years 69–99 are 1969–1999, 00–68 are 2000–2068.
  const year = got.Y !== undefined ? Number(got.Y) : yy < 69 ? 2000 + yy : 1900 + yy;
  const month =
    got.b !== undefined ? MONTHS.indexOf(got.b.toLowerCase()) + 1 : Number(got.m ?? '1');
  const day = Number(got.d ?? '1');
  let hour = Number(got.H ?? got.I ?? '0');
  const minute = Number(got.M ?? '0');
  const second = Number(got.S ?? '0');
  if (got.I !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = (got.p ?? '').toLowerCase() === 'pm';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  // Date.UTC rolls 02/30 over into March: a day past the month's end is no date.
  if (day < 1 || back.getUTCDate() !== day || back.getUTCMonth() !== month - 1) return null;
  if (year < 100) return null;
  return ms;
}
