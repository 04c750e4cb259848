import { UserError } from '../../core/errors.js';
import type { Engine, Row } from '../../engine/engine.js';
import { OPTION_PARAMS } from '../server/query-schemas.js';
import { filterOf, OPTION_FLAGS, type ReportFlags } from './report-flags.js';
import type { RegisteredReport } from './report-registry.js';
import { reviveRows } from './revive-rows.js';
import type { ServerClient } from './server-client.js';

class Offline extends Error {}

// An engine that stops a report's preparation at its first touch of the warehouse: by then
// the report has checked its flags, with the direct path's own messages.
const offline = new Proxy({} as Engine, {
  get() {
    throw new Offline();
  },
});

/**
 * `convrev report NAME` through the server holding the warehouse (GET /v1/reports/NAME): the
 * flags are checked as the direct path checks them, then sent as the query parameters of the
 * same names; the rows come back as the registry computes them.
 */
export async function reportThroughServer(
  server: ServerClient,
  report: RegisteredReport,
  flags: ReportFlags,
): Promise<Row[]> {
  try {
    await report.prepare(offline, flags);
  } catch (error) {
    if (!(error instanceof Offline)) throw error;
  }
  if (flags.compare === true || flags.out !== undefined)
    throw new UserError(
      `report ${flags.out === undefined ? '--compare' : '--out'} needs the warehouse file itself, which convrev serve at ${server.state.url} holds: use --format csv|json, or stop the server`,
    );
  const query = new URLSearchParams();
  for (const option of report.options) {
    const value = flags[OPTION_FLAGS[option]];
    if (typeof value === 'string') query.set(OPTION_PARAMS[option][0], value);
  }
  for (const [name, value] of Object.entries(filterOf(flags)))
    if (typeof value === 'string') query.set(name, value);
  const text = query.toString();
  const answer = await server.get<{ rows: Row[] }>(
    `/v1/reports/${encodeURIComponent(report.name)}${text ? `?${text}` : ''}`,
  );
  return reviveRows(answer.rows);
}
