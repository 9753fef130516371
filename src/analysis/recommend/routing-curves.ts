import { deploymentLabel } from '../../cost/deployment-label.ts';
import type { TcoCandidate } from '../../cost/evaluate-tco.ts';
import { monthlyUsdAtShare } from '../../cost/monthly-cost-at-share.ts';
import { routingCurve, type RoutingCurve, type RoutingItem } from './routing-curve.ts';
import type { Workload } from '../../cost/workload.ts';
import { itemValues } from '../compare-runs.ts';
import type { MeasuredRun } from './quality-ties.ts';

/** An eval run mapped to a catalog model, with its headline value. */
export interface ModelRun extends MeasuredRun {
  readonly model: string;
  readonly value: number;
}

export interface RoutingEnd {
  readonly model: string;
  readonly runId: string;
  /** The deployment whose cost the curve uses: the model's cheapest eligible one, else its cheapest. */
  readonly deployment?: string;
  readonly eligible: boolean;
  readonly monthlyCostUsd?: number;
}

export interface RoutingCurveReport {
  readonly benchmark: string;
  readonly protocol: string;
  readonly metric: string;
  readonly weak: RoutingEnd;
  readonly strong: RoutingEnd;
  readonly curve: RoutingCurve;
}

export interface RoutingCurves {
  readonly curves: readonly RoutingCurveReport[];
  /** Why a pair of runs gave no curve. */
  readonly skipped: readonly string[];
}

function costCandidate(
  model: string,
  candidates: readonly TcoCandidate[],
  ranked: readonly TcoCandidate[],
): { candidate?: TcoCandidate; eligible: boolean } {
  const eligible = ranked.find((candidate) => candidate.model === model);
  if (eligible) return { candidate: eligible, eligible: true };
  const cheapest = candidates
    .filter((candidate) => candidate.model === model && candidate.monthlyCostUsd !== undefined)
    .sort((left, right) => (left.monthlyCostUsd ?? 0) - (right.monthlyCostUsd ?? 0))[0];
  return { ...(cheapest ? { candidate: cheapest } : {}), eligible: false };
}

/**
 * Routing curves from the `--runs` eval runs: for each benchmark and protocol with runs of two or more catalog
 * models (the first run of each model), the strong model is the one with the highest headline value and the
 * weak one the cheapest of the others (its cheapest eligible deployment, else its cheapest deployment; the
 * lowest value when no cost is known). The curve pairs their items by id (`routingCurve`); macro metrics
 * weigh each item by 1/(groups × its group's size).
 */
export function routingCurvesForRuns(options: {
  runs: readonly ModelRun[];
  candidates: readonly TcoCandidate[];
  ranked: readonly TcoCandidate[];
  workload: Workload;
  steps?: number;
}): RoutingCurves {
  const byProtocol = new Map<string, ModelRun[]>();
  for (const entry of options.runs) {
    const key = `${entry.run.config.benchmark}\u0000${entry.run.config.protocol}`;
    const list = byProtocol.get(key) ?? [];
    if (!list.some((other) => other.model === entry.model)) list.push(entry);
    byProtocol.set(key, list);
  }
  const curves: RoutingCurveReport[] = [];
  const skipped: string[] = [];
  for (const list of byProtocol.values()) {
    if (list.length < 2) continue;
    const strong = [...list].sort((left, right) => right.value - left.value)[0];
    if (!strong) continue;
    const costs = new Map(
      list.map((entry) => [entry.model, costCandidate(entry.model, options.candidates, options.ranked)]),
    );
    const weak = list
      .filter((entry) => entry !== strong)
      .sort(
        (left, right) =>
          (costs.get(left.model)?.candidate?.monthlyCostUsd ?? Infinity) -
            (costs.get(right.model)?.candidate?.monthlyCostUsd ?? Infinity) || left.value - right.value,
      )[0];
    if (!weak) continue;
    const strongValues = itemValues(strong.run, strong.metric.itemScore);
    const weakValues = itemValues(weak.run, strong.metric.itemScore);
    const paired: { weak: number; strong: number; group: string }[] = [];
    for (const [id, entry] of weakValues) {
      const other = strongValues.get(id);
      if (other)
        paired.push({ weak: entry.value, strong: other.value, group: entry.group ?? other.group ?? '' });
    }
    const { benchmark, protocol } = strong.run.config;
    if (paired.length === 0) {
      skipped.push(
        `${benchmark} (${protocol}): runs ${weak.run.runId} (${weak.model}) and ${strong.run.runId} (${strong.model}) share no scored item`,
      );
      continue;
    }
    const groupSizes = new Map<string, number>();
    for (const item of paired) groupSizes.set(item.group, (groupSizes.get(item.group) ?? 0) + 1);
    const macro = strong.metric.aggregate === 'group-mean';
    const items: RoutingItem[] = paired.map((item) => ({
      weak: item.weak,
      strong: item.strong,
      ...(macro ? { weight: 1 / (groupSizes.size * (groupSizes.get(item.group) ?? 1)) } : {}),
    }));
    const weakCost = costs.get(weak.model);
    const strongCost = costs.get(strong.model);
    const costAt = (candidate: TcoCandidate | undefined) =>
      candidate?.monthlyCostUsd === undefined
        ? undefined
        : (share: number): number =>
            monthlyUsdAtShare({ candidate, workload: options.workload, share }) ?? Number.NaN;
    const weakMonthlyUsd = costAt(weakCost?.candidate);
    const strongMonthlyUsd = costAt(strongCost?.candidate);
    const end = (entry: ModelRun, cost: ReturnType<typeof costCandidate> | undefined): RoutingEnd => ({
      model: entry.model,
      runId: entry.run.runId,
      ...(cost?.candidate ? { deployment: deploymentLabel(cost.candidate) } : {}),
      eligible: cost?.eligible ?? false,
      ...(cost?.candidate?.monthlyCostUsd === undefined
        ? {}
        : { monthlyCostUsd: cost.candidate.monthlyCostUsd }),
    });
    curves.push({
      benchmark,
      protocol,
      metric: strong.metric.name,
      weak: end(weak, weakCost),
      strong: end(strong, strongCost),
      curve: routingCurve({
        items,
        ...(options.steps === undefined ? {} : { steps: options.steps }),
        ...(weakMonthlyUsd && strongMonthlyUsd ? { weakMonthlyUsd, strongMonthlyUsd } : {}),
      }),
    });
  }
  return { curves, skipped };
}
