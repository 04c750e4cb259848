import { linkageErrors } from '../../core/quality/linkage-errors.js';
import { judge } from '../../core/quality/quality-band.js';
import { MATCH_RATES, type MatchRate } from '../../core/quality/quality-config.js';
import { rate, type QualityResult } from '../../core/quality/quality-result.js';
import { weekOverWeek } from '../../core/quality/week-over-week.js';
import type { Engine } from '../../engine/engine.js';
import {
  dailyOrderMatchSql,
  matchRatesSql,
  personsOfValuesSql,
} from '../../engine/sql/quality/linkage-sql.js';
import { num, pct, type QualityContext } from './quality-context.js';

const CHUNK = 500;

/** Match rates, their week-over-week drift, and linkage errors on the labelled sample. */
export async function linkageChecks(engine: Engine, ctx: QualityContext): Promise<QualityResult[]> {
  const out: QualityResult[] = [];
  for (const r of await engine.query(matchRatesSql())) {
    const name = String(r.rate) as MatchRate;
    if (!MATCH_RATES.includes(name)) continue;
    const share = rate(num(r.matched), num(r.total));
    out.push({
      check: 'match_rate',
      subject: name,
      measured: share,
      ...judge(share, ctx.config.matchRates[name], 'min'),
      detail: `${num(r.matched)} of ${num(r.total)} matched (${pct(share)})`,
    });
  }
  const daily = (await engine.query(dailyOrderMatchSql(engine.dialect))).map((r) => ({
    series: 'orders_to_persons',
    day: String(r.day),
    part: num(r.part),
    whole: num(r.whole),
  }));
  for (const c of weekOverWeek(daily)) {
    const change = c.change === null ? null : Math.abs(c.change);
    out.push({
      check: 'drift',
      subject: `match_rate=${c.series}`,
      measured: change,
      ...judge(change, ctx.config.drift.matchRate, 'max'),
      detail: `week to ${c.lastDay}: ${pct(c.current)} against ${pct(c.previous)} the week before`,
    });
  }
  if (ctx.labelledPairs?.length) out.push(...(await falsePositives(engine, ctx)));
  return out;
}

async function falsePositives(engine: Engine, ctx: QualityContext): Promise<QualityResult[]> {
  const pairs = ctx.labelledPairs ?? [];
  const stored = (type: string, value: string) => ctx.storedForm(type, value) ?? '';
  const values = [
    ...new Set(
      pairs.flatMap((p) => [stored(p.leftType, p.leftValue), stored(p.rightType, p.rightValue)]),
    ),
  ].filter(Boolean);
  const persons = new Map<string, string>();
  for (let i = 0; i < values.length; i += CHUNK) {
    for (const r of await engine.query(personsOfValuesSql(values.slice(i, i + CHUNK))))
      persons.set(
        `${String(r.identifier_type)}\u0000${String(r.identifier_value)}`,
        String(r.person_id),
      );
  }
  const e = linkageErrors(pairs, (type, value) =>
    persons.get(`${type}\u0000${stored(type, value)}`),
  );
  return [
    {
      check: 'false_positive_linkage',
      subject: 'labelled_pairs',
      measured: e.falsePositiveRate,
      ...judge(e.falsePositiveRate, ctx.config.falsePositiveRate, 'max'),
      detail: `${e.falsePositives} of ${e.nonMatches} non-matching pairs linked into one person (${pct(e.falsePositiveRate)}); ${e.falseNegatives} of ${e.matches} matching pairs kept apart; ${e.unknown} pairs with an identifier the graph does not hold`,
    },
  ];
}
