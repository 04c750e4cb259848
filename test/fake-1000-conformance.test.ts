// Conformance on splink's fake_1000 (moj-analytical-services/splink_datasets, MIT): 1,000 person
// records of 251 people, read in place from ../shared/fixtures. The whole probabilistic pipeline
// runs unsupervised (blocking, u from random pairs, EM for m, term frequencies, scoring, guarded
// clustering); the truth column and the labelled pairs are used only to score the result.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterMetrics } from '../src/core/matching/cluster-metrics.js';
import { personRecordMatchConfig } from '../src/core/matching/person-record-config.js';
import {
  matchRecords,
  type MatchConfig,
  type MatchRun,
} from '../src/core/matching/match-records.js';
import {
  scoreClusterPairs,
  scoreLabelledPairs,
  scorePredictedPairs,
  type PairwiseScores,
} from '../src/core/matching/pairwise-scores.js';
import { sharedFixture } from './support/shared-fixture.js';

const fixture = sharedFixture('fake_1000 conformance', 'identity', [
  'fake_1000.csv',
  'fake_1000_labels.csv',
]);
const fixtureDir = fixture ?? '';
const exists = fixture !== null;

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

type Person = {
  readonly first_name: string | null;
  readonly surname: string | null;
  readonly dob: string | null;
  readonly city: string | null;
  readonly email: string | null;
};

const clean = (v: string | undefined): string | null => v?.trim().toLowerCase() || null;

/**
 * The person-record model `convrev identity evaluate --records` runs (core/matching/
 * person-record-config.ts): levels from what the fields mean and how people mistype them, round
 * odds as thresholds (a link at 9:1, a veto below 1:999), nothing fitted to the truth.
 */
const CONFIG: MatchConfig<Person> = personRecordMatchConfig([
  'first_name',
  'surname',
  'dob',
  'city',
  'email',
]);

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const line = (what: string, s: PairwiseScores) =>
  `${what.padEnd(34)} precision ${percent(s.precision)}  recall ${percent(s.recall)}  F1 ${percent(s.f1)}  (TP ${s.truePositives}, FP ${s.falsePositives}, FN ${s.falseNegatives})`;

describe.skipIf(!exists)(
  'fake_1000 conformance (splink_datasets, unsupervised Fellegi–Sunter)',
  () => {
    let records: Person[];
    let truth: string[];
    let run: MatchRun;
    let clusters: PairwiseScores;

    beforeAll(() => {
      const rows = readCsv('fake_1000.csv');
      rows.forEach((r, i) => {
        if (Number(r.unique_id) !== i)
          throw new Error(`fake_1000.csv row ${i + 2}: unique_id ${r.unique_id} out of order`);
      });
      records = rows.map((r) => ({
        first_name: clean(r.first_name),
        surname: clean(r.surname),
        dob: clean(r.dob),
        city: clean(r.city),
        email: clean(r.email),
      }));
      // Kept apart from `records`: the matcher never sees the truth.
      truth = rows.map((r) => r.cluster ?? '');
      run = matchRecords(records, CONFIG);
      clusters = scoreClusterPairs(run.clustering.clusterOf, truth);
    });

    it('trains without the truth and converges', () => {
      expect(run.em.converged).toBe(true);
      expect(run.em.fieldsNotEstimated).toEqual([]);
      expect(run.candidates.length).toBeLessThan((records.length * (records.length - 1)) / 2 / 10);
    });

    it('reaches cluster pairwise F1 of at least 0.90 with no cluster over twice the largest true one', () => {
      const raw = scorePredictedPairs(
        run.rawMatches.map((e) => [e.left, e.right] as const),
        truth,
      );
      const metrics = clusterMetrics(run.clustering.clusterOf, truth);
      const report = [
        `fake_1000: ${records.length} records, ${metrics.truth.clusters} true clusters (largest ${metrics.truth.largest}), ${run.candidates.length} candidate pairs (${run.blocking.map((b) => `${b.rule} ${b.pairs}`).join(', ')})`,
        `model: prior λ ${run.model.lambda.toExponential(3)} (EM ${run.em.iterations} iterations), threshold ${CONFIG.threshold}, cannot-link below ${CONFIG.cannotLinkBelow}`,
        line('raw matches (pairwise)', raw),
        line('clusters (all implied pairs)', clusters),
        `exact clusters F1 ${percent(metrics.exact.f1)}; B-cubed precision ${percent(metrics.bCubed.precision)}, recall ${percent(metrics.bCubed.recall)}, F1 ${percent(metrics.bCubed.f1)}`,
        `predicted clusters ${metrics.predicted.clusters}, largest ${metrics.predicted.largest}; sizes (clusters of n) ${metrics.predicted.distribution.map((d) => `${d.clusters} of ${d.size}`).join(', ')}`,
        `guard refused ${run.clustering.refused.length} links (${[...new Set(run.clustering.refused.map((r) => r.reason))].join(', ') || 'none'})`,
      ];
      console.log(report.join('\n'));
      expect(clusters.f1).toBeGreaterThanOrEqual(0.9);
      expect(metrics.predicted.largest).toBeLessThanOrEqual(2 * metrics.truth.largest);
    });

    it('scores the labelled pairs of fake_1000_labels.csv', () => {
      const labels = readCsv('fake_1000_labels.csv').map((r) => ({
        left: Number(r.unique_id_l),
        right: Number(r.unique_id_r),
        isMatch: Number(r.clerical_match_score) >= 0.5,
      }));
      const { clusterOf } = run.clustering;
      const byModel = scoreLabelledPairs(
        labels,
        (a, b) => run.scorer.probability(a, b) >= CONFIG.threshold,
      );
      const byCluster = scoreLabelledPairs(labels, (a, b) => clusterOf[a] === clusterOf[b]);
      console.log(
        [
          `fake_1000_labels: ${labels.length} labelled pairs, ${labels.filter((l) => l.isMatch).length} matches`,
          `${line('model score >= threshold', byModel)}  TN ${byModel.trueNegatives}`,
          `${line('same cluster', byCluster)}  TN ${byCluster.trueNegatives}`,
        ].join('\n'),
      );
      expect(byCluster.truePositives + byCluster.falseNegatives).toBe(
        labels.filter((l) => l.isMatch).length,
      );
      expect(byCluster.precision).toBeGreaterThanOrEqual(0.9);
    });
  },
);
