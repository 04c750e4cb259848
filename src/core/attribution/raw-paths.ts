import { parsePathKey, pathKey } from './path-key.js';
import type { PathSummary } from './path-summary.js';
import { applyPathTransforms, type PathTransform } from './path-transforms.js';
import {
  SingleTouchTokens,
  tracePathTransforms,
  type TracedToken,
} from './trace-path-transforms.js';

/** One raw path after a list of transforms: its tokens, traced back to its touches. */
export interface TracedRawPath {
  readonly raw: PathSummary;
  /** Touches on the raw path (positions run from 0 to rawLength − 1). */
  readonly rawLength: number;
  readonly tokens: readonly TracedToken[];
  /** The transformed path's key. */
  readonly key: string;
}

/** Raw path counts seen through one list of transforms: what every model with that list reads. */
export interface TransformedPaths {
  /** Every non-empty raw path someone converted on, in the order of the raw rows. */
  readonly traced: readonly TracedRawPath[];
  /** The transformed path summary (raw rows that transform alike added up), sorted by key. */
  readonly paths: readonly PathSummary[];
}

/**
 * Raw path counts, each key parsed once, with the transformed form of each list of transforms
 * asked for kept: several data-driven models usually share their transforms (fractribution's
 * default `exposure`), and parsing and tracing some 10⁵ raw paths cost a model more than its own
 * math did. Hold it only while the models of one run need it.
 */
export class RawPaths {
  private readonly channels: readonly (readonly string[])[];
  private readonly byTransforms = new Map<string, TransformedPaths>();
  private readonly singles = new SingleTouchTokens();

  constructor(readonly rows: readonly PathSummary[]) {
    // Each channel name kept once: the strings a split makes die young, a million copies of a
    // few names kept alive were what the collector spent its time on.
    const names = new Map<string, string>();
    this.channels = rows.map((r) =>
      parsePathKey(r.path).map((c) => {
        let name = names.get(c);
        if (name === undefined) {
          pathKey([c]); // refuses an empty name once, not on every path it appears on
          names.set(c, (name = c));
        }
        return name;
      }),
    );
  }

  transformed(transforms: readonly PathTransform[]): TransformedPaths {
    const signature = JSON.stringify(transforms);
    let seen = this.byTransforms.get(signature);
    if (seen === undefined) {
      seen = this.trace(transforms);
      this.byTransforms.set(signature, seen);
    }
    return seen;
  }

  private trace(transforms: readonly PathTransform[]): TransformedPaths {
    const traced: TracedRawPath[] = [];
    const byKey = new Map<
      string,
      { conversions: number; nonConversions: number; revenue: number }
    >();
    this.rows.forEach((raw, i) => {
      const channels = this.channels[i] ?? [];
      if (channels.length === 0) return; // the empty path: unattributed, no model reads it
      // Only converting paths hand credit back to touches: the others (two thirds of the raw
      // paths at scale) need their transformed key alone, without tracing.
      const tokens =
        raw.conversions > 0 ? tracePathTransforms(channels, transforms, this.singles) : undefined;
      const names = tokens?.map((t) => t.token) ?? applyPathTransforms(channels, transforms);
      // A path the transforms left as it was keeps its raw key: no new string per path.
      const same = names.length === channels.length && names.every((t, k) => t === channels[k]);
      const key = same ? raw.path : pathKey(names);
      if (tokens !== undefined) traced.push({ raw, rawLength: channels.length, tokens, key });
      let agg = byKey.get(key);
      if (agg === undefined) {
        agg = { conversions: 0, nonConversions: 0, revenue: 0 };
        byKey.set(key, agg);
      }
      agg.conversions += raw.conversions;
      agg.nonConversions += raw.nonConversions;
      agg.revenue += raw.revenue;
    });
    const paths = [...byKey]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, r]) => ({ path, ...r }));
    return { traced, paths };
  }
}
