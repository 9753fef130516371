import { rulerThreshold } from '../../../benchmarks/longctx/longctx-summary.ts';
import { longctxSummaryLines } from '../../longctx-summary-lines.ts';
import { runProtocol } from '../../../benchmarks/registry.ts';
import { benchStepJson } from '../../../report/bench-step-json.ts';
import { isBenchStepItem, readBenchStepRecord } from '../../../report/bench-step-record.ts';
import { formatBenchTable } from '../../../report/format-bench-table.ts';
import { InputError, type RunStore } from '../../../spec/index.ts';
import { formatGroupTable, formatScoreTable } from '../../../report/format-score-table.ts';
import { openRunStore } from '../../open-run-store.ts';
import type { CliIo } from '../../cli-io.ts';
import { storePath } from '../../paths.ts';
import { readRunOutcomes, runJson, runScores, runTableRow } from '../../run-summary.ts';
import { runCostSummary, runCostUsd } from '../../../analysis/run-cost-summary.ts';
import { shippedCatalogFor } from '../../../cost/catalog-price-for-spec.ts';
import { formatRunCost, runCostJson } from '../../../report/format-run-cost.ts';
import { pairwiseShowText } from './pairwise-show-lines.ts';
import { formatRunDetail, runDetailJson } from '../../../report/format-run-detail.ts';
import { buildRunDetail } from '../../../report/run-detail.ts';
import { buildRunView } from '../../../report/run-view.ts';
import type { RunDetailView } from '../../../report/view-model.ts';
import { metricsFor, shippedCatalog } from '../../../server/view/view-data.ts';

/** A `parity bench` run: its steps as `parity bench` printed them (table, or the same JSON array). */
function showBenchRun(store: RunStore, runId: string, flags: { json?: boolean }, io: CliIo): number {
  const run = store.getRun(runId);
  if (!run) return 2;
  const steps = run.items
    .filter(isBenchStepItem)
    .map((item) => readBenchStepRecord(item, { runId }))
    .sort((a, b) => a.stepIndex - b.stepIndex);
  if (flags.json) {
    io.stdout(
      `${JSON.stringify(
        steps.map((step) => benchStepJson(step.metrics)),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  io.stdout(
    `run ${run.runId}  bench  ${run.status}  ${run.doneItems}/${run.totalItems} steps  ${run.config.modelSpec}  created ${run.createdAt}\n`,
  );
  io.stdout(`${formatBenchTable(steps.map((step) => step.metrics))}\n`);
  return 0;
}

/** Groups printed without --groups. */
const maxGroupsShown = 10;

/** The run page's content for `parity show` (configuration, status and reason, usage, latency, errors). */
function runDetail(store: RunStore, runId: string): RunDetailView | undefined {
  const stored = store.getRun(runId);
  if (!stored) return undefined;
  const metrics = metricsFor(stored.config.benchmark, stored.config.protocol, stored.config.task);
  const catalog = shippedCatalog();
  const costUsd = catalog ? runCostUsd({ run: stored, catalog }) : undefined;
  const dataset = store.getFingerprints?.(runId)?.dataset;
  const view = buildRunView({
    run: stored,
    metrics,
    ...(costUsd === undefined ? {} : { costUsd }),
    ...(dataset === undefined ? {} : { dataset }),
  });
  return buildRunDetail({ run: stored, view, metrics });
}

/** `parity show <run-id>`: a stored run's scores, per-group results, and with --items every item. */
export function showCommand(
  runId: string,
  flags: { store?: string; json?: boolean; items?: boolean; groups?: boolean; cluster?: string },
  io: CliIo,
): number {
  const clustering = flags.cluster ?? 'item';
  if (clustering !== 'item' && clustering !== 'group') {
    throw new InputError(`expected 'item' or 'group', got '${clustering}'`, { location: '--cluster' });
  }
  const store = openRunStore(io, { store: flags.store, allowReadOnly: true });
  try {
    const summary = store.getSummary(runId);
    if (summary?.kind === 'bench') return showBenchRun(store, runId, flags, io);
    const run = readRunOutcomes(store, runId, storePath(io, flags.store));
    const protocol = runProtocol(run.config);
    const scores = runScores(run, protocol, { clustering });
    const cost = runCostSummary({
      modelSpec: run.config.modelSpec,
      items: run.items,
      catalog: shippedCatalogFor(run.config.modelSpec),
    });
    const gold = store.getGold?.(runId);
    const detail = runDetail(store, runId);
    if (flags.json) {
      const json = {
        ...runJson(scores, { items: Boolean(flags.items), ...(gold ? { gold } : {}) }),
        ...(cost ? { cost: runCostJson(cost) } : {}),
        ...(detail ? { run: runDetailJson(detail) } : {}),
      };
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
      return 0;
    }
    io.stdout(
      `run ${run.runId}  ${run.status}  ${run.doneItems}/${run.totalItems} items  created ${run.createdAt}\n`,
    );
    // The cost line with its list price follows the score table when a price is known.
    if (detail) io.stdout(`${formatRunDetail(detail, { cost: !cost })}\n`);
    for (const change of run.history ?? []) {
      const changes = Object.entries(change.changed).map(
        ([field, { from, to }]) => `${field} ${String(from)} → ${String(to)}`,
      );
      io.stdout(`${change.command} at ${change.at}: ${changes.join(', ')}\n`);
    }
    io.stdout(`${formatScoreTable([runTableRow(scores)])}\n`);
    if (cost) io.stdout(`${formatRunCost(cost)}\n`);
    const pairwise = pairwiseShowText(store, run);
    if (pairwise) io.stdout(`\n${pairwise}\n`);
    for (const line of longctxSummaryLines(run, rulerThreshold)) io.stdout(`${line}\n`);
    const headline = protocol.metrics[0];
    const groupCount = Object.keys(scores.summary.groups).length;
    // As the run page: per-group scores with their intervals; a long list (57 MMLU subjects) only when asked.
    if (headline && groupCount > 0 && (flags.groups || groupCount <= maxGroupsShown)) {
      io.stdout(`\n${formatGroupTable(scores.summary, headline)}\n`);
    } else if (headline && groupCount > 0) {
      io.stdout(`${groupCount} groups: per-group scores with 'parity show ${run.runId} --groups'\n`);
    }
    if (flags.items) {
      for (const item of run.items) {
        const score = headline ? item.scores[headline.itemScore] : undefined;
        const outcome =
          item.status === 'ok' ? `score ${score ?? 'unscored'}` : `error: ${item.error?.message ?? ''}`;
        const target = gold?.get(item.itemId)?.target;
        const goldText = target === undefined ? '' : `\tgold ${JSON.stringify(target)}`;
        io.stdout(`${item.itemId}\t${outcome}\textracted ${JSON.stringify(item.extracted)}${goldText}\n`);
      }
    }
    return 0;
  } finally {
    store.close();
  }
}
