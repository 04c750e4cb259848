import type { Row } from '../../engine/engine.js';
import type { ReportFlags } from '../cli/report-flags.js';
import { findReport } from '../cli/report-registry.js';
import type { ApiContext } from './api-context.js';

/**
 * A report's rows exactly as `convrev report NAME` computes them for the same flags: the API
 * goes through the CLI's registry, so defaults, validation and numbers cannot drift apart.
 */
export function reportRows(
  ctx: ApiContext,
  name: string,
  flags: Omit<ReportFlags, 'format'>,
): Promise<Row[]> {
  const report = findReport(name);
  const key = JSON.stringify(['rows', name, Object.entries(flags).sort()]);
  return ctx.reports.get(key, () =>
    ctx.serial.run(async () => {
      const source = await report.prepare(ctx.engine, { format: 'json', ...flags });
      return source.rows();
    }),
  );
}
