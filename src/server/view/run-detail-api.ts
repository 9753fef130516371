import type { ModelCatalog } from '../../cost/catalog-types.ts';
import { buildRunDetail } from '../../report/run-detail.ts';
import { buildRunView } from '../../report/run-view.ts';
import { runCostUsd } from '../../analysis/run-cost-summary.ts';
import type { RunStore } from '../../spec/index.ts';
import type { ApiResponse } from './view-api.ts';
import { metricsFor } from './view-data.ts';

/**
 * `GET /api/runs/<id>`: the run page (RunDetailView) — configuration without secrets, status and its reason,
 * every metric and the headline per group with intervals, tokens, cost, latency, error kinds. Undefined for
 * any other path, which the rest of the API answers.
 */
export function handleRunDetailApi(
  options: { store: RunStore; catalog?: ModelCatalog },
  url: URL,
): ApiResponse | undefined {
  const match = /^\/api\/runs\/([^/]+)$/.exec(url.pathname);
  if (!match) return undefined;
  let runId: string;
  try {
    runId = decodeURIComponent(match[1] ?? '');
  } catch {
    return { status: 400, body: { error: 'malformed percent-escape in the run id' } };
  }
  const run = options.store.getRun(runId);
  if (!run) return { status: 404, body: { error: `run ${runId} not found` } };
  const metrics = metricsFor(run.config.benchmark, run.config.protocol, run.config.task);
  const costUsd = options.catalog ? runCostUsd({ run, catalog: options.catalog }) : undefined;
  const dataset = options.store.getFingerprints?.(runId)?.dataset;
  const view = buildRunView({
    run,
    metrics,
    ...(costUsd === undefined ? {} : { costUsd }),
    ...(dataset === undefined ? {} : { dataset }),
  });
  return { status: 200, body: buildRunDetail({ run, view, metrics }) };
}
