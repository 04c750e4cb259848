import { EngineError } from '../../core/errors.js';
import type { Row } from '../../engine/engine.js';
import type { ModelSummary } from '../../pipeline/reports/read-summary.js';
import type { StageReport } from '../../pipeline/run-pipeline.js';
import { summaryTable } from './print-summary.js';
import { stageProgress } from './progress.js';
import type { ServerClient } from './server-client.js';

/** A run as GET /v1/admin/runs/:id answers it. */
interface RunAnswer {
  readonly id: string;
  readonly status: 'running' | 'succeeded' | 'failed' | 'interrupted';
  readonly started_at?: string | null;
  readonly finished_at?: string | null;
  readonly error?: string | null;
  readonly stages?: unknown;
}

const POLL_MS = 500;

/**
 * `convrev run` through the server holding the warehouse: POST /v1/admin/runs starts a run (202)
 * or names the one in progress (409), which is then followed the same way; GET
 * /v1/admin/runs/:id is polled until the run ends, each finished stage shown as it appears.
 * Prints the run's summary when it succeeded; a failed or interrupted run is an error naming
 * the run and why.
 */
export async function runThroughServer(
  server: ServerClient,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<void> {
  const started = await server.send<{ id?: string | null; message?: string }>(
    'POST',
    '/v1/admin/runs',
    {},
    [409],
  );
  if (typeof started.id !== 'string')
    throw new EngineError(
      `convrev serve at ${server.state.url} did not start a run: ${started.message ?? 'no run id'}`,
      '',
    );
  stderr.write(
    `convrev run: through convrev serve at ${server.state.url} (its own config), run ${started.id}\n`,
  );
  const show = stageProgress(stderr);
  const shown = new Set<string>();
  for (;;) {
    const run = await server.get<RunAnswer>(`/v1/admin/runs/${encodeURIComponent(started.id)}`);
    for (const stage of stagesOf(run.stages))
      if (!shown.has(stage.stage)) {
        shown.add(stage.stage);
        show(stage.stage, stage);
      }
    if (run.status === 'succeeded') break;
    if (run.status !== 'running')
      throw new EngineError(`run ${run.id} ${run.status}: ${run.error ?? 'no reason given'}`, '');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const summary = await server.get<{ rows: Row[] }>('/v1/reports/summary');
  process.stdout.write(`\nAttribution summary\n${summaryTable(summary.rows.map(modelSummary))}\n`);
}

/** The stages of a run answer, as a list or keyed by name, in the progress display's shape. */
function stagesOf(stages: unknown): StageReport[] {
  const list: unknown[] = Array.isArray(stages)
    ? stages
    : typeof stages === 'object' && stages !== null
      ? Object.entries(stages).map(([stage, s]) => ({ stage, ...(s as object) }))
      : [];
  return list.flatMap((s) => {
    if (typeof s !== 'object' || s === null) return [];
    const r = s as Record<string, unknown>;
    const stage = r.stage ?? r.name;
    if (typeof stage !== 'string') return [];
    const ms = typeof r.ms === 'number' ? r.ms : Number(r.seconds ?? 0) * 1000;
    return [
      {
        stage,
        ms,
        rows: Number(r.rows ?? 0),
        detail: typeof r.detail === 'string' ? r.detail : '',
      },
    ];
  });
}

function modelSummary(r: Row): ModelSummary {
  const n = (v: unknown) => Number(v ?? 0);
  return {
    model: String(r.model),
    valueKind: String(r.value_kind ?? 'revenue'),
    conversions: n(r.conversions),
    attributedConversions: n(r.attributed_conversions),
    unattributedConversions: n(r.unattributed_conversions),
    totalValue: n(r.total_value),
    attributedValue: n(r.attributed_value),
    unattributedValue: n(r.unattributed_value),
    conversations: n(r.conversations),
    conversationValue: n(r.conversation_value),
    revenuePerConversation:
      r.revenue_per_conversation === null ? null : n(r.revenue_per_conversation),
  };
}
