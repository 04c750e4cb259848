/**
 * When `convrev serve` runs the pipeline by itself: every fixed interval, or at the minutes a
 * five-field cron expression names (evaluated in UTC, like every timestamp convrev stores).
 */
export type Schedule =
  | { readonly kind: 'interval'; readonly text: string; readonly ms: number }
  | { readonly kind: 'cron'; readonly text: string; readonly fields: CronFields };

export interface CronFields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly weekdays: ReadonlySet<number>;
  /** Cron's rule: when both day fields are restricted, a day matching either one runs. */
  readonly daysRestricted: boolean;
  readonly weekdaysRestricted: boolean;
}

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

/** The schedule `text` describes, or a sentence saying what is wrong with it. */
export function parseSchedule(text: string): Schedule | { readonly error: string } {
  const trimmed = text.trim();
  const interval = /^(\d+)\s*(s|m|h|d)$/.exec(trimmed);
  if (interval) {
    const ms = Number(interval[1]) * (UNIT_MS[interval[2] as string] as number);
    if (ms < 1_000) return { error: `interval ${trimmed} is shorter than one second` };
    return { kind: 'interval', text: trimmed, ms };
  }
  const parts = trimmed.split(/\s+/);
  if (parts.length !== 5)
    return {
      error: `"${trimmed}" is neither an interval (30s, 15m, 6h, 1d) nor a five-field cron expression (minute hour day-of-month month day-of-week)`,
    };
  const sets: Set<number>[] = [];
  for (const [i, part] of parts.entries()) {
    const field = FIELDS[i] as (typeof FIELDS)[number];
    const set = parseCronField(part, field.min, field.max);
    if (typeof set === 'string') return { error: `cron ${field.name} "${part}": ${set}` };
    sets.push(set);
  }
  const weekdays = sets[4] as Set<number>;
  if (weekdays.delete(7)) weekdays.add(0); // 7 is Sunday too
  return {
    kind: 'cron',
    text: trimmed,
    fields: {
      minutes: sets[0] as Set<number>,
      hours: sets[1] as Set<number>,
      days: sets[2] as Set<number>,
      months: sets[3] as Set<number>,
      weekdays,
      daysRestricted: parts[2] !== '*',
      weekdaysRestricted: parts[4] !== '*',
    },
  };
}

/** A field: `*`, `n`, `a-b`, each optionally `/step`, joined by commas. */
function parseCronField(part: string, min: number, max: number): Set<number> | string {
  const values = new Set<number>();
  for (const item of part.split(',')) {
    const m = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(item);
    if (!m) return `"${item}" is not *, a number, a range a-b or one of them /step`;
    const [from, to] =
      m[1] === '*'
        ? [min, max]
        : (m[1] as string).includes('-')
          ? (m[1] as string).split('-').map(Number)
          : [Number(m[1]), m[2] === undefined ? Number(m[1]) : max];
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (from === undefined || to === undefined || from < min || to > max || from > to)
      return `values must lie within ${min}-${max}`;
    if (step < 1) return 'a step must be at least 1';
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** The first time strictly after `after` (epoch ms) at which the schedule runs. */
export function nextRunAt(schedule: Schedule, after: number): number {
  if (schedule.kind === 'interval') return after + schedule.ms;
  const f = schedule.fields;
  const t = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  // At most about four years of minutes are looked at (a 29 February only rule).
  for (let guard = 0; guard < 4 * 366 * 24 * 60; guard++) {
    if (!f.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    const dayOk = f.days.has(t.getUTCDate());
    const weekdayOk = f.weekdays.has(t.getUTCDay());
    const matches =
      f.daysRestricted && f.weekdaysRestricted
        ? dayOk || weekdayOk
        : (!f.daysRestricted || dayOk) && (!f.weekdaysRestricted || weekdayOk);
    if (!matches) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!f.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (f.minutes.has(t.getUTCMinutes())) return t.getTime();
    t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
  }
  throw new RangeError(`cron "${schedule.text}" never runs`);
}
