const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when `zone` is an IANA time zone name this runtime knows (e.g. America/New_York). */
export function isTimeZone(zone: string): boolean {
  try {
    formatterOf(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant (epoch ms) at which clocks in `zone` showed `wallMs` (a wall-clock time written as
 * if it were UTC). DST-correct through Intl: a time that happens twice (clocks going back) is its
 * first occurrence; a time that never happens (clocks going forward) is read with the offset in
 * force before the change, so 02:30 on a spring-forward night in New York is 03:30 EDT.
 */
export function zonedToInstant(wallMs: number, zone: string): number {
  const before = offsetAt(wallMs - 86_400_000, zone);
  const after = offsetAt(wallMs + 86_400_000, zone);
  const candidates = [wallMs - before, wallMs - after].filter(
    (t) => t + offsetAt(t, zone) === wallMs,
  );
  return candidates.length ? Math.min(...candidates) : wallMs - before;
}

/** The zone's offset from UTC at an instant, in ms (New York in winter: -5 h). */
function offsetAt(instant: number, zone: string): number {
  const parts = Object.fromEntries(
    formatterOf(zone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  return wall - whole;
}

function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}
