import { isAbsolute, resolve } from 'node:path';
import type { Config } from '../../core/config/config.js';
import { DEFAULT_WATCH } from '../../core/config/operations-config.js';
import type { Problem } from '../../core/errors.js';
import { parseSchedule } from '../../core/schedule/schedule.js';
import type { RawBand } from './build-quality-config.js';

/** The sections of `convrev serve`'s own operation, as the JSON Schema guarantees them. */
export interface RawOperationsSections {
  readonly schedule?: string;
  readonly publish?: { readonly dir: string };
  readonly watch?: { readonly every?: string; readonly run_lag_minutes?: RawBand };
}

/** What the JSON Schema cannot see: whether schedule and watch.every parse. */
export function checkOperations(raw: RawOperationsSections): Problem[] {
  const problems: Problem[] = [];
  const check = (field: string, text: string | undefined, cronAllowed: boolean) => {
    if (text === undefined) return;
    const parsed = parseSchedule(text);
    if ('error' in parsed)
      problems.push({
        code: 'invalid_schedule',
        message: `${field}: ${parsed.error}`,
        location: { field },
      });
    else if (!cronAllowed && parsed.kind === 'cron')
      problems.push({
        code: 'invalid_schedule',
        message: `${field}: give an interval (30s, 1m), not a cron expression`,
        location: { field },
      });
  };
  check('schedule', raw.schedule, true);
  check('watch.every', raw.watch?.every, false);
  return problems;
}

/** schedule, publish and watch, resolved; absent sections stay absent. */
export function buildOperationsSections(
  raw: RawOperationsSections,
  baseDir: string,
): Pick<Config, 'schedule' | 'publish' | 'watch'> {
  const schedule = raw.schedule === undefined ? undefined : parseSchedule(raw.schedule);
  const every = raw.watch?.every === undefined ? undefined : parseSchedule(raw.watch.every);
  const lag = raw.watch?.run_lag_minutes;
  return {
    ...(schedule && !('error' in schedule) ? { schedule } : {}),
    ...(raw.publish
      ? {
          publish: {
            dir: isAbsolute(raw.publish.dir) ? raw.publish.dir : resolve(baseDir, raw.publish.dir),
          },
        }
      : {}),
    ...(raw.watch
      ? {
          watch: {
            everyMs:
              every && !('error' in every) && every.kind === 'interval'
                ? every.ms
                : DEFAULT_WATCH.everyMs,
            runLagMinutes: lag
              ? { warn: lag.warn ?? null, fail: lag.fail ?? null }
              : DEFAULT_WATCH.runLagMinutes,
          },
        }
      : {}),
  };
}
