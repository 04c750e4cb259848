import { beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_KIND_NAMES } from '../../src/core/canonical/source-kinds.js';
import type { Config } from '../../src/core/config/config.js';
import type { Engine, Row } from '../../src/engine/engine.js';
import { landingTableName } from '../../src/engine/schema/table-spec.js';
import { sql } from '../../src/engine/sql/sql-statement.js';
import type { ReportFilter } from '../../src/engine/sql/metrics/conversation-filter-sql.js';
import type { OpenSourceFile } from '../../src/pipeline/load/source-file.js';
import {
  attributionReport,
  compareAttribution,
  creditedModels,
} from '../../src/pipeline/reports/attribution-report.js';
import { explainConversion } from '../../src/pipeline/reports/explain-conversion.js';
import { summaryRows } from '../../src/pipeline/reports/read-summary.js';
import { runPipeline, type RunReport } from '../../src/pipeline/run-pipeline.js';
import { DATA_DRIVEN_TEST_MODELS } from './data-driven-scenario.js';
import { RESULT_TABLES, rowDifferences, tableDifferences, TOLERANCE } from './compare-rows.js';
import { useEnginePair, type EnginePair } from './engine-pair.js';

export interface Scenario {
  readonly config: Config;
  readonly open: OpenSourceFile;
}

/**
 * Landing columns the ingest path stamps with the moment of ingestion when a source gives none:
 * two runs (one per engine) never share them.
 */
const INGESTION_STAMPS = ['received_at'];

/** Groupings every attribution report is compared under. */
const GROUPINGS: readonly (readonly string[])[] = [
  [],
  ['channel'],
  ['touchpoint_type'],
  ['channel', 'segment'],
  ['campaign', 'conversion_kind'],
];

const byKey = (dims: readonly string[]) => (a: Row, b: Row) => {
  for (const d of dims) {
    const [x, y] = [String(a[d]), String(b[d])];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

/**
 * A report's rows compared as a set keyed by its dimensions (a near-tie in value may rank two
 * groups differently when two engines add doubles in different orders), and each engine's
 * ranking checked on its own: value never increases down the list.
 */
async function reportDifferences(
  pair: EnginePair,
  model: string,
  by: readonly string[],
  filter?: ReportFilter,
) {
  const [a, b] = await Promise.all([
    attributionReport(pair.duck, { model, by, ...(filter ? { filter } : {}) }),
    attributionReport(pair.pg, { model, by, ...(filter ? { filter } : {}) }),
  ]);
  // Value kinds come in their order, largest value first within each.
  for (const rows of [a, b]) {
    for (let i = 1; i < rows.length; i++) {
      if (rows[i - 1]?.value_kind !== rows[i]?.value_kind) continue;
      const [prev, next] = [Number(rows[i - 1]?.credited_value), Number(rows[i]?.credited_value)];
      expect(next).toBeLessThanOrEqual(prev + TOLERANCE * Math.max(1, prev));
    }
  }
  const keys = ['value_kind', ...by];
  return rowDifferences(
    `report ${model} by [${by.join(',')}]${filter ? ` ${JSON.stringify(filter)}` : ''}`,
    [...a].sort(byKey(keys)),
    [...b].sort(byKey(keys)),
  );
}

/**
 * Registers the cross-engine contract for one scenario: the pipeline runs on DuckDB and on
 * PostgreSQL, and every landing and derived table, the summary, each attribution report and
 * the explanation of each conversion (or of `explainLimit` of them) must agree.
 */
export function crossEngineSuite(
  name: string,
  url: string | null,
  scenario: () => Promise<Scenario> | Scenario,
  extra?: (pair: { readonly current: EnginePair }, reports: () => RunReport[]) => void,
  explainLimit = 1_000,
): void {
  describe.skipIf(url === null)(`${name}: DuckDB and PostgreSQL agree`, () => {
    const pair = useEnginePair(url ?? '');
    let reports: RunReport[] = [];
    beforeAll(async () => {
      const { config: given, open } = await scenario();
      // Every scenario runs the data-driven models too, unless it names its own.
      const config = given.attribution.dataDriven
        ? given
        : { ...given, attribution: { ...given.attribution, dataDriven: DATA_DRIVEN_TEST_MODELS } };
      const run = (engine: Engine) => runPipeline(engine, config, { open });
      reports = [await run(pair.current.duck), await run(pair.current.pg)];
    });

    it('on the run summary each engine returns', () => {
      const [duck, pg] = reports;
      expect(pg?.summary.length).toBe(duck?.summary.length);
      expect(
        rowDifferences(
          'summary',
          (duck?.summary ?? []).map((s) => ({ ...s })),
          (pg?.summary ?? []).map((s) => ({ ...s })),
        ),
      ).toEqual([]);
    });

    it.each(RESULT_TABLES)('on every row of $table', async ({ table, key, mayBeEmpty }) => {
      const { rows, differences } = await tableDifferences(
        pair.current.duck,
        pair.current.pg,
        table,
        key,
      );
      expect(differences).toEqual([]);
      // An empty table agrees with anything: every scenario fills every derived table (but
      // those with nothing to report in a scenario without the case, such as merge_audit).
      if (!mayBeEmpty) expect(rows).toBeGreaterThan(0);
    });

    it('on every landing table, loaded through the Appender and through COPY', async () => {
      for (const kind of SOURCE_KIND_NAMES) {
        const table = landingTableName(kind);
        const { differences } = await tableDifferences(
          pair.current.duck,
          pair.current.pg,
          table,
          ['source_name', 'source_line'],
          INGESTION_STAMPS,
        );
        expect(differences).toEqual([]);
      }
    });

    it('on the summary report and every attribution report', async () => {
      const [a, b] = await Promise.all([
        summaryRows(pair.current.duck),
        summaryRows(pair.current.pg),
      ]);
      expect(rowDifferences('summary report', a, b)).toEqual([]);
      const models = await creditedModels(pair.current.duck);
      expect(await creditedModels(pair.current.pg)).toEqual(models);
      for (const model of models) {
        for (const by of GROUPINGS)
          expect(await reportDifferences(pair.current, model, by)).toEqual([]);
        for (const filter of [{ value_kind: 'pipeline' }, { outcome: 'order' }])
          expect(await reportDifferences(pair.current, model, ['channel'], filter)).toEqual([]);
      }
      for (const by of GROUPINGS) {
        const [x, y] = await Promise.all([
          compareAttribution(pair.current.duck, { models: [], by }),
          compareAttribution(pair.current.pg, { models: [], by }),
        ]);
        expect(
          rowDifferences(
            `compare by [${by.join(',')}]`,
            [...x].sort(byKey(['value_kind', ...by])),
            [...y].sort(byKey(['value_kind', ...by])),
          ),
        ).toEqual([]);
      }
    });

    it('on the explanation of each conversion', async () => {
      const ids = await pair.current.duck.query(
        sql(`SELECT conversion_id FROM conversions ORDER BY conversion_id LIMIT ${explainLimit}`),
      );
      for (const { conversion_id: id } of ids) {
        const [a, b] = await Promise.all([
          explainConversion(pair.current.duck, String(id)),
          explainConversion(pair.current.pg, String(id)),
        ]);
        expect(b.models).toEqual(a.models);
        expect(
          rowDifferences(
            `explain ${String(id)}`,
            [a.conversion, ...a.touches, ...a.excluded],
            [b.conversion, ...b.touches, ...b.excluded],
          ),
        ).toEqual([]);
      }
    });

    extra?.(pair, () => reports);
  });
}
