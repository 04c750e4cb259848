import { RECORD_SEMANTICS } from '../../core/ingest/record-semantics.js';
import { SOURCE_KIND_NAMES } from '../../core/canonical/source-kinds.js';
import { judge } from '../../core/quality/quality-band.js';
import { rate, type QualityResult } from '../../core/quality/quality-result.js';
import { volumeDrops } from '../../core/quality/volume-drops.js';
import type { Engine, RowValue } from '../../engine/engine.js';
import { landingTableName } from '../../engine/schema/table-spec.js';
import {
  dailyVolumeSql,
  eventLagSql,
  offeredBySourceSql,
  pendingReasonsSql,
  type DatedTable,
} from '../../engine/sql/quality/ingest-health-sql.js';
import { num, numOrNull, pct, type QualityContext } from './quality-context.js';

/** Landing tables with an event time (or a day), counted per source and day. */
const DATED: readonly DatedTable[] = [
  ...SOURCE_KIND_NAMES.flatMap((kind) => {
    const time = RECORD_SEMANTICS[kind].timeField;
    return time === null ? [] : [{ table: landingTableName(kind), timeColumn: time }];
  }),
  { table: 'conversations', timeColumn: 'started_at' },
  { table: 'opportunities', timeColumn: 'created_at' },
  { table: 'spend', timeColumn: 'day' },
];

const HOUR_MS = 3_600_000;
const epochMs = (v: RowValue | undefined): number | null =>
  v instanceof Date ? v.getTime() : v === null || v === undefined ? null : Date.parse(String(v));

/** Dead letters by source and reason; volume per source per day; freshness and lag per source. */
export async function ingestHealthChecks(
  engine: Engine,
  ctx: QualityContext,
): Promise<QualityResult[]> {
  return [
    ...(await schemaViolations(engine, ctx)),
    ...(await volumes(engine, ctx)),
    ...(await lags(engine, ctx)),
  ];
}

async function schemaViolations(engine: Engine, ctx: QualityContext): Promise<QualityResult[]> {
  const byReason = new Map<string, Map<string, number>>();
  for await (const chunk of engine.stream(pendingReasonsSql())) {
    for (const row of chunk) {
      const source = String(row.source);
      const reasons = byReason.get(source) ?? new Map<string, number>();
      let codes: string[] = [];
      try {
        codes = (JSON.parse(String(row.reasons)) as { code?: string }[]).map((r) =>
          String(r.code ?? 'unknown'),
        );
      } catch {
        codes = ['unknown'];
      }
      // A record counts once per reason, however many fields share it.
      for (const code of new Set(codes)) reasons.set(code, (reasons.get(code) ?? 0) + 1);
      reasons.set('', (reasons.get('') ?? 0) + 1);
      byReason.set(source, reasons);
    }
  }
  const out: QualityResult[] = [];
  for (const row of await engine.query(offeredBySourceSql())) {
    const source = String(row.source);
    const reasons = byReason.get(source) ?? new Map<string, number>();
    const letters = reasons.get('') ?? 0;
    const share = rate(letters, num(row.offered));
    const verdict = judge(share, ctx.config.deadLetterRate, 'max');
    out.push({
      check: 'schema_violations',
      subject: `source=${source}`,
      measured: share,
      ...verdict,
      detail: `${letters} pending dead letters of ${num(row.offered)} records offered (${pct(share)})`,
    });
    for (const [code, n] of [...reasons].filter(([c]) => c !== '').sort()) {
      out.push({
        check: 'schema_violations',
        subject: `source=${source} reason=${code}`,
        measured: n,
        ...verdict,
        detail: `${n} pending dead letters with reason ${code}`,
      });
    }
    const last = epochMs(row.last_received);
    const hours = last === null ? null : Math.max(0, (ctx.now - last) / HOUR_MS);
    out.push({
      check: 'freshness',
      subject: `source=${source}`,
      measured: hours,
      ...judge(hours, ctx.config.freshnessHours, 'max'),
      detail: `last delivery ${last === null ? 'never' : new Date(last).toISOString()}, ${hours === null ? 'n/a' : hours.toFixed(1)} hours ago`,
    });
  }
  return out;
}

async function volumes(engine: Engine, ctx: QualityContext): Promise<QualityResult[]> {
  const v = ctx.config.volume;
  const rows = await engine.query(dailyVolumeSql(engine.dialect, DATED));
  const daily = rows.map((r) => ({
    source: String(r.source),
    day: String(r.day),
    records: num(r.records),
  }));
  const out: QualityResult[] = [];
  const sources = [...new Set(daily.map((r) => r.source))].sort();
  for (const source of sources) {
    const days = daily.filter((r) => r.source === source);
    const span = spanDays(days[0]?.day ?? '', days.at(-1)?.day ?? '');
    const completeness = rate(days.length, span);
    out.push({
      check: 'volume',
      subject: `source=${source}`,
      measured: completeness,
      status: 'pass',
      threshold: null,
      detail: `${days.reduce((n, r) => n + r.records, 0)} records on ${days.length} of ${span} days from ${days[0]?.day ?? '-'} to ${days.at(-1)?.day ?? '-'} (${pct(completeness)} of days have data)`,
    });
  }
  for (const f of volumeDrops(daily, v.trailingDays, v.minTrailing, v.drop)) {
    // Only drops are findings; a day in line with its trailing days is the normal case.
    if (f.status === 'pass') continue;
    out.push({
      check: 'volume',
      subject: `source=${f.source} day=${f.day}`,
      measured: f.drop,
      status: f.status,
      threshold: f.threshold,
      detail:
        `${f.records} records on ${f.weekday} ${f.day} against a median of ${f.baseline.toFixed(1)} on the ${f.weeks} ${f.weekday} before: ${pct(f.drop)} drop. ` +
        `Why: ${f.records === 0 ? 'nothing arrived for the day' : 'part of the day is missing'} (a failed or partial export, a stopped feed, records dead-lettered). ` +
        `Fix: check the source's delivery and dead letters for ${f.day} and ingest the missing records; if such a day is normal (a holiday), raise quality.volume.drop.`,
    });
  }
  return out;
}

function spanDays(first: string, last: string): number {
  if (!first || !last) return 0;
  return (
    Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) +
    1
  );
}

async function lags(engine: Engine, ctx: QualityContext): Promise<QualityResult[]> {
  return (await engine.query(eventLagSql(engine.dialect))).map((r) => {
    const mean = numOrNull(r.mean_lag);
    const hours = mean === null ? null : mean / 3600;
    const max = numOrNull(r.max_lag);
    return {
      check: 'lag',
      subject: `source=${String(r.source)}`,
      measured: hours,
      ...judge(hours, ctx.config.lagHours, 'max'),
      detail: `${num(r.events)} events received on average ${hours === null ? 'n/a' : hours.toFixed(2)} hours after they occurred (largest ${max === null ? 'n/a' : (max / 3600).toFixed(2)} hours)`,
    };
  });
}
