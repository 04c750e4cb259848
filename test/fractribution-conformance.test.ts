// Conformance with fractribution: the integration data of snowplow/dbt-snowplow-fractribution
// v0.3.7 (algorithm of google/fractribution), read in place from ../shared/fixtures. Reproduces
// its paths, path summary, per-path Shapley and last-touch credits, channel totals and ROAS.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  channelReport,
  channelTotals,
  type ChannelTotal,
} from '../src/core/attribution/channel-totals.js';
import { buildFractributionPaths } from '../src/core/attribution/fractribution-paths.js';
import type { PathCredits } from '../src/core/attribution/path-credits.js';
import { pathKey } from '../src/core/attribution/path-key.js';
import { pathRuleCredits } from '../src/core/attribution/path-rule-credits.js';
import { pathShapleyCredits } from '../src/core/attribution/path-shapley.js';
import { summarisePaths, type PathSummary } from '../src/core/attribution/path-summary.js';
import { parseDate, parseTimestamp } from '../src/core/values/parse-timestamp.js';
import { sharedFixture } from './support/shared-fixture.js';

const fixture = sharedFixture('fractribution conformance', 'attribution/fractribution');
const fixtureDir = fixture ?? '';
const exists = fixture !== null;

// The fixture's parameters (see its README).
const WINDOW_START = '2022-06-03';
const WINDOW_END = '2022-08-01';
const SPEND_PER_CHANNEL = 10_000;
const MODELS = ['shapley', 'last_touch'] as const;
type Model = (typeof MODELS)[number];

type Row = Readonly<Record<string, string>>;

/** The fixture has no quoted fields; a quote would mean this splitter is no longer enough. */
function readCsv(name: string): Row[] {
  const text = readFileSync(join(fixtureDir, name), 'utf8');
  if (text.includes('"')) throw new Error(`${name} has quoted fields: use a real CSV parser`);
  const [header = '', ...lines] = text.split(/\r?\n/).filter((l) => l !== '');
  const columns = header.split(',');
  return lines.map((line, i) => {
    const cells = line.split(',');
    if (cells.length !== columns.length)
      throw new Error(`${name} row ${i + 2}: ${cells.length} cells for ${columns.length} columns`);
    return Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? '']));
  });
}

const cell = (row: Row, column: string): string => {
  const v = row[column];
  if (v === undefined) throw new Error(`no column ${column}`);
  return v;
};
const time = (text: string): number => {
  const t = parseTimestamp(text);
  if (t === null) throw new Error(`not a timestamp: ${text}`);
  return t;
};
const day = (text: string): number => {
  const t = parseDate(text);
  if (t === null) throw new Error(`not a date: ${text}`);
  return t;
};
/** An empty cell is 0 (the fixture leaves revenue of non-converting paths empty). */
const num = (text: string): number => (text === '' ? 0 : Number(text));

/**
 * Compares to 1e-6, or to half a unit of the last printed digit when the fixture printed fewer
 * than six decimals: expected_path_credits.csv rounds Shapley shares to 3 (0.459, 0.541), while
 * the channel totals carry the same shares at full precision and are held to 1e-6.
 */
function expectNear(actual: number | undefined, expectedText: string, what: string): void {
  const decimals = expectedText.split('.')[1]?.length ?? 0;
  const tolerance = Math.max(1e-6, 0.5 * 10 ** -decimals);
  expect(actual, what).toBeDefined();
  expect(
    Math.abs((actual ?? NaN) - num(expectedText)),
    `${what}: ${actual} vs ${expectedText}`,
  ).toBeLessThanOrEqual(tolerance);
}

describe.skipIf(!exists)(
  'fractribution conformance (snowplow fractribution v0.3.7 integration data)',
  () => {
    let built: ReturnType<typeof buildFractributionPaths>;
    let summary: PathSummary[];
    const credits = {} as Record<Model, PathCredits[]>;
    const totals = {} as Record<Model, ChannelTotal[]>;

    beforeAll(() => {
      const visits = readCsv('touchpoints.csv').map((r) => ({
        customerId: cell(r, 'customer_id'),
        at: time(cell(r, 'visit_start_tstamp')),
        channel: cell(r, 'channel'),
      }));
      const conversions = readCsv('conversions.csv').map((r) => ({
        customerId: cell(r, 'customer_id'),
        at: time(cell(r, 'conversion_tstamp')),
        revenue: num(cell(r, 'revenue')),
      }));
      expect(visits).toHaveLength(97);
      expect(conversions).toHaveLength(6);
      built = buildFractributionPaths(visits, conversions, {
        // The window's last day is included: until = the midnight after it.
        conversionWindow: { from: day(WINDOW_START), until: day(WINDOW_END) + 86_400_000 },
        lookbackDays: 30,
        transforms: [{ kind: 'exposure' }],
      });
      summary = summarisePaths([
        ...built.conversions.map((c) => ({
          path: c.transformedPath,
          converted: true,
          revenue: c.revenue,
        })),
        ...built.nonConversions.map((n) => ({ path: n.transformedPath, converted: false })),
      ]);
      credits.shapley = pathShapleyCredits(summary);
      credits.last_touch = pathRuleCredits(summary, 'last_touch');
      for (const model of MODELS) totals[model] = channelTotals(credits[model]);
    });

    it('builds the paths to conversion', () => {
      const expected = readCsv('expected_paths_to_conversion.csv');
      expect(built.conversions).toHaveLength(expected.length);
      expect(expected).toHaveLength(6);
      for (const e of expected) {
        const at = time(cell(e, 'conversion_tstamp'));
        const ours = built.conversions.find(
          (c) => c.customerId === cell(e, 'customer_id') && c.conversionAt === at,
        );
        expect(ours, `conversion of ${cell(e, 'customer_id')}`).toBeDefined();
        expect(pathKey(ours?.path ?? [])).toBe(cell(e, 'path'));
        expect(pathKey(ours?.transformedPath ?? [])).toBe(cell(e, 'transformed_path'));
        expectNear(ours?.revenue, cell(e, 'revenue'), 'revenue');
      }
    });

    it('builds the paths to non-conversion', () => {
      const expected = readCsv('expected_paths_to_non_conversion.csv');
      expect(expected).toHaveLength(61);
      expect(built.nonConversions).toHaveLength(expected.length);
      for (const e of expected) {
        const ours = built.nonConversions.find((n) => n.customerId === cell(e, 'customer_id'));
        expect(ours, `non-conversion of ${cell(e, 'customer_id')}`).toBeDefined();
        expect(pathKey(ours?.path ?? [])).toBe(cell(e, 'path'));
        expect(pathKey(ours?.transformedPath ?? [])).toBe(cell(e, 'transformed_path'));
      }
    });

    it('summarises the paths', () => {
      const expected = readCsv('expected_path_summary.csv');
      expect(expected).toHaveLength(9);
      expect(summary).toHaveLength(expected.length);
      for (const e of expected) {
        const ours = summary.find((s) => s.path === cell(e, 'transformed_path'));
        expect(ours, `summary of ${cell(e, 'transformed_path')}`).toBeDefined();
        expect(ours?.conversions).toBe(num(cell(e, 'conversions')));
        expect(ours?.nonConversions).toBe(num(cell(e, 'non_conversions')));
        expectNear(ours?.revenue, cell(e, 'revenue'), `revenue of ${cell(e, 'transformed_path')}`);
      }
    });

    it('credits each path under Shapley and last touch', () => {
      const expected = readCsv('expected_path_credits.csv');
      expect(expected).toHaveLength(18);
      const channelColumns = Object.keys(expected[0] ?? {}).filter(
        (c) =>
          ![
            'REVENUE',
            'CONVERSIONS',
            'NON_CONVERSIONS',
            'TRANSFORMED_PATH',
            'ATTRIBUTION_TYPE',
          ].includes(c),
      );
      expect(channelColumns).toHaveLength(6);
      for (const model of MODELS) {
        const rows = expected.filter((e) => cell(e, 'ATTRIBUTION_TYPE') === model);
        expect(rows).toHaveLength(9);
        expect(credits[model]).toHaveLength(rows.length);
        for (const e of rows) {
          const path = cell(e, 'TRANSFORMED_PATH');
          const ours = credits[model].find((c) => c.path === path);
          expect(ours, `${model} credits of ${path}`).toBeDefined();
          expect(ours?.conversions).toBe(num(cell(e, 'CONVERSIONS')));
          expect(ours?.nonConversions).toBe(num(cell(e, 'NON_CONVERSIONS')));
          expectNear(ours?.revenue, cell(e, 'REVENUE'), `${model} revenue of ${path}`);
          for (const column of channelColumns) {
            const credit = ours?.credits.find((c) => c.channel.toUpperCase() === column);
            // An empty cell: the channel is not on the path; a number: its share (0 included).
            if (cell(e, column) === '')
              expect(credit, `${model} ${path} ${column}`).toBeUndefined();
            else expectNear(credit?.fraction, cell(e, column), `${model} ${path} ${column}`);
          }
        }
      }
      // The README's worked example, at its six decimals.
      const example = credits.shapley.find((c) => c.path === 'Organic_Search > Direct')?.credits;
      expectNear(
        example?.find((c) => c.channel === 'Direct')?.fraction,
        '0.540959',
        'example Direct',
      );
      expectNear(
        example?.find((c) => c.channel === 'Organic_Search')?.fraction,
        '0.459041',
        'example Organic',
      );
    });

    it('totals credits per channel', () => {
      const expected = readCsv('expected_channel_attribution.csv');
      expect(expected).toHaveLength(12);
      for (const model of MODELS) {
        const rows = expected.filter((e) => cell(e, 'ATTRIBUTION_TYPE') === model);
        expect(rows).toHaveLength(6);
        expect(totals[model]).toHaveLength(rows.length);
        for (const e of rows) {
          expect(cell(e, 'CONVERSION_WINDOW_START_DATE')).toBe(WINDOW_START);
          expect(cell(e, 'CONVERSION_WINDOW_END_DATE')).toBe(WINDOW_END);
          const ours = totals[model].find((t) => t.channel === cell(e, 'CHANNEL'));
          expect(ours, `${model} total of ${cell(e, 'CHANNEL')}`).toBeDefined();
          expectNear(
            ours?.conversions,
            cell(e, 'CONVERSIONS'),
            `${model} ${cell(e, 'CHANNEL')} conversions`,
          );
          expectNear(ours?.revenue, cell(e, 'REVENUE'), `${model} ${cell(e, 'CHANNEL')} revenue`);
        }
      }
    });

    it('reports spend and ROAS', () => {
      const expected = readCsv('expected_report.csv');
      expect(expected).toHaveLength(12);
      for (const model of MODELS) {
        const report = channelReport(totals[model], () => SPEND_PER_CHANNEL);
        const rows = expected.filter((e) => cell(e, 'ATTRIBUTION_TYPE') === model);
        expect(report).toHaveLength(rows.length);
        for (const e of rows) {
          const ours = report.find((r) => r.channel === cell(e, 'CHANNEL'));
          const what = `${model} ${cell(e, 'CHANNEL')}`;
          expect(ours, what).toBeDefined();
          expectNear(ours?.conversions, cell(e, 'CONVERSIONS'), `${what} conversions`);
          expectNear(ours?.revenue, cell(e, 'REVENUE'), `${what} revenue`);
          expectNear(ours?.spend, cell(e, 'SPEND'), `${what} spend`);
          expectNear(ours?.roas ?? undefined, cell(e, 'ROAS'), `${what} ROAS`);
        }
      }
    });
  },
);
