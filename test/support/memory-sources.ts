import { buildAttributionConfig } from '../../src/adapters/config/build-attribution-config.js';
import type { RawAttribution } from '../../src/adapters/config/raw-attribution.js';
import type { Config, SourceConfig } from '../../src/core/config/config.js';
import type { OpenSourceFile, RawRow } from '../../src/pipeline/load/source-file.js';

/** Rows of an in-memory source, keyed by column name as a file header would be. */
export type MemoryRows = Record<string, unknown>[];

/** A config whose sources are in-memory tables, and the opener that reads them. */
export function memoryConfig(
  tables: Record<
    string,
    {
      kind: SourceConfig['kind'];
      rows: MemoryRows;
      mapping?: Record<string, string>;
      constants?: Record<string, string>;
    }
  >,
  /** The `attribution:` section as a YAML config would write it. */
  attribution: RawAttribution = {},
): { config: Config; open: OpenSourceFile } {
  const sources: SourceConfig[] = Object.entries(tables).map(([name, t]) => ({
    name,
    kind: t.kind,
    path: `memory:${name}`,
    format: 'jsonl',
    mapping: t.mapping ?? {},
    constants: t.constants ?? {},
    delimiter: ',',
  }));
  const open: OpenSourceFile = (source) => {
    const rows = tables[source.name]?.rows ?? [];
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r).map((k) => k.toLowerCase())))];
    return Promise.resolve({
      columns,
      // eslint-disable-next-line @typescript-eslint/require-await -- an in-memory stand-in for a streamed file
      async *rows(): AsyncIterable<RawRow> {
        let line = 1;
        for (const r of rows) {
          line++;
          yield {
            line,
            values: Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v])),
          };
        }
      },
    });
  };
  return {
    config: {
      engine: { kind: 'duckdb', path: ':memory:', memoryLimit: '1GB', threads: 1 },
      attribution: buildAttributionConfig(attribution),
      sources,
    },
    open,
  };
}
