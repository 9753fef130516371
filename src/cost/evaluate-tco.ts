import { InputError } from '../spec/index.ts';
import type { ApiPrice, CatalogModel, Gpu, GpuCatalog, ModelCatalog } from './catalog-types.ts';
import { breakEvenOutputTokensPerMonth } from './break-even.ts';
import { checkQualityFloors, type MeasuredScore, type QualityFigure } from './quality.ts';
import { hoursPerMonth, selfHostedUsdPerMillionOutputTokens } from './self-hosting-cost.ts';
import { planSelfHosting, type SelfHostingPlan, type ThroughputFigure } from './self-hosting-plan.ts';
import { ratesForPrompt } from './token-cost.ts';
import { workloadContextTokens, type MeasuredThroughput, type Workload } from './workload.ts';
import { apiViolations, selfHostedViolations } from './constraint-violations.ts';

export interface BreakEven {
  /** The API the self-hosted deployment is compared with. */
  readonly versus: { readonly model: string; readonly provider: string };
  /** Monthly output tokens above which self-hosting is cheaper; undefined when the API is cheaper at any volume. */
  readonly outputTokensPerMonth?: number;
  /** The same volume in input + output tokens at the workload's mix. */
  readonly tokensPerMonth?: number;
}

export interface TcoCandidate {
  readonly model: string;
  readonly modelName: string;
  readonly deployment: 'api' | 'self_hosted';
  readonly provider?: string;
  readonly price?: ApiPrice;
  readonly selfHosting?: SelfHostingPlan;
  /** undefined when the deployment is impossible (e.g. the model does not fit on 8 GPUs). */
  readonly monthlyCostUsd?: number;
  readonly horizonCostUsd?: number;
  /** API: monthly cost ÷ monthly output tokens. Self-hosted: (GPU + operations per hour) ÷ output per hour at the utilization. */
  readonly costPerMillionOutputTokensUsd?: number;
  /** Monthly cost ÷ monthly input + output tokens. */
  readonly costPerMillionTokensUsd?: number;
  readonly throughput?: ThroughputFigure;
  readonly breakEven?: BreakEven;
  readonly quality: readonly QualityFigure[];
  readonly violations: readonly string[];
}

export interface TcoInputs {
  readonly workload: Workload;
  readonly catalog: ModelCatalog;
  readonly gpuCatalog: GpuCatalog;
  readonly measuredScores?: readonly MeasuredScore[];
  readonly measuredThroughput?: readonly MeasuredThroughput[];
  /** Named in errors about the workload's `candidates` and `self_hosting.gpu_types`. */
  readonly workloadFile?: string;
}

/** Monthly API cost at the workload's volume, mix, cache share and average prompt size (which sets the tier). */
export function apiMonthlyUsd(workload: Workload, price: ApiPrice): number {
  const { input, output, cachedInputShare } = workload.tokensPerMonth;
  const rates = ratesForPrompt(price, workload.averageRequest.inputTokens);
  const cachedRate =
    rates.cachedInputUsdPerMillion ?? price.cachedInputUsdPerMillion ?? rates.inputUsdPerMillion;
  return (
    (input * (1 - cachedInputShare) * rates.inputUsdPerMillion +
      input * cachedInputShare * cachedRate +
      output * rates.outputUsdPerMillion) /
    1e6
  );
}

function selectedModels(workload: Workload, catalog: ModelCatalog, file: string | undefined): CatalogModel[] {
  if (!workload.candidates) return [...catalog.models];
  return workload.candidates.map((id, index) => {
    const model = catalog.models.find((candidate) => candidate.id === id);
    if (!model) {
      throw new InputError(`candidates[${index}]: unknown model '${id}' (see 'parity prices')`, {
        ...(file ? { location: file } : {}),
      });
    }
    return model;
  });
}

function selectedGpus(workload: Workload, gpuCatalog: GpuCatalog, file: string | undefined): Gpu[] {
  const names = workload.selfHosting.gpuTypes;
  if (!names) return [...gpuCatalog.gpus];
  return names.map((name, index) => {
    const gpu = gpuCatalog.gpus.find(
      (candidate) =>
        candidate.id.toLowerCase() === name.toLowerCase() ||
        candidate.aliases.some((alias) => alias.toLowerCase() === name.toLowerCase()),
    );
    if (!gpu) {
      const known = gpuCatalog.gpus.map((entry) => entry.id).join(', ');
      throw new InputError(`self_hosting.gpu_types[${index}]: unknown GPU '${name}' (known: ${known})`, {
        ...(file ? { location: file } : {}),
      });
    }
    return gpu;
  });
}

/**
 * Every candidate deployment of every candidate model: one per API provider in the catalog and, for
 * open-weight models, the cheapest self-hosting setup — each with monthly and horizon cost, cost per million
 * tokens, quality against the floors, and every constraint it fails with the reason.
 */
export function evaluateTco(inputs: TcoInputs): TcoCandidate[] {
  const { workload } = inputs;
  const measuredScores = inputs.measuredScores ?? [];
  const gpus = selectedGpus(workload, inputs.gpuCatalog, inputs.workloadFile);
  const totalTokens = workload.tokensPerMonth.input + workload.tokensPerMonth.output;
  const outputTokens = workload.tokensPerMonth.output;
  const candidates: TcoCandidate[] = [];

  for (const model of selectedModels(workload, inputs.catalog, inputs.workloadFile)) {
    const { quality, violations: qualityViolations } = checkQualityFloors({
      model,
      floors: workload.qualityFloors,
      measured: measuredScores,
    });
    const contextViolation =
      workloadContextTokens(workload) > model.contextTokens
        ? [
            `context: the workload needs ${workloadContextTokens(workload)} tokens; ${model.id} takes ${model.contextTokens}`,
          ]
        : [];
    const apiCandidates = model.apiPrices.map((price): TcoCandidate => {
      const monthly = apiMonthlyUsd(workload, price);
      return {
        model: model.id,
        modelName: model.name,
        deployment: 'api',
        provider: price.provider,
        price,
        monthlyCostUsd: monthly,
        horizonCostUsd: monthly * workload.horizonMonths,
        costPerMillionOutputTokensUsd: (monthly / outputTokens) * 1e6,
        costPerMillionTokensUsd: (monthly / totalTokens) * 1e6,
        quality,
        violations: [...apiViolations({ model, price, workload }), ...contextViolation, ...qualityViolations],
      };
    });
    candidates.push(...apiCandidates);
    if (!model.openWeights) continue;

    const result = planSelfHosting({
      model,
      inputs: {
        gpus,
        gpuHourlyUsd: (gpu) =>
          workload.selfHosting.gpuHourlyUsd.find((entry) => entry.gpu === gpu.id)?.usd ?? gpu.hourlyUsd,
        precisions: workload.selfHosting.precisions,
        kvCachePrecision: workload.selfHosting.kvCachePrecision,
        contextTokens: workloadContextTokens(workload),
        concurrentSequences: workload.selfHosting.concurrentSequences,
        runtimeOverheadFraction: workload.selfHosting.runtimeOverheadFraction,
        averageContextTokens: workload.averageRequest.inputTokens + workload.averageRequest.outputTokens / 2,
        ...(workload.latencyTarget?.tpotMs === undefined
          ? {}
          : { tpotTargetMs: workload.latencyTarget.tpotMs }),
        utilization: workload.utilization,
        outputTokensPerMonth: outputTokens,
        peakOutputTokensPerSecond: workload.peakRequestsPerSecond * workload.averageRequest.outputTokens,
        operationsUsdPerMonth: workload.operationsUsdPerMonth,
        measured: [...workload.selfHosting.throughput, ...(inputs.measuredThroughput ?? [])],
      },
    });
    const baseViolations = selfHostedViolations({ model, workload });
    if (result.type === 'impossible') {
      candidates.push({
        model: model.id,
        modelName: model.name,
        deployment: 'self_hosted',
        quality,
        violations: [
          `sizing: ${result.reason}`,
          ...baseViolations,
          ...contextViolation,
          ...qualityViolations,
        ],
      });
      continue;
    }
    const { plan } = result;
    const monthly = plan.month.monthlyUsd;
    const cheapestApi = [...apiCandidates].sort(
      (left, right) => (left.monthlyCostUsd ?? 0) - (right.monthlyCostUsd ?? 0),
    )[0];
    const latencyViolation =
      workload.latencyTarget?.tpotMs !== undefined &&
      plan.throughput.tpotMs !== undefined &&
      plan.throughput.tpotMs > workload.latencyTarget.tpotMs
        ? [
            `latency: time per output token ${plan.throughput.tpotMs.toFixed(1)} ms (${plan.throughput.basis}) exceeds the target ${workload.latencyTarget.tpotMs} ms`,
          ]
        : [];
    candidates.push({
      model: model.id,
      modelName: model.name,
      deployment: 'self_hosted',
      selfHosting: plan,
      monthlyCostUsd: monthly,
      horizonCostUsd: monthly * workload.horizonMonths,
      costPerMillionOutputTokensUsd: selfHostedUsdPerMillionOutputTokens({
        gpuHourlyUsd: plan.gpuHourlyUsd,
        gpuCount: plan.gpuCount,
        outputTokensPerSecond: plan.throughput.outputTokensPerSecond,
        utilization: workload.utilization,
        overheadHourlyUsd: workload.operationsUsdPerMonth / hoursPerMonth / plan.month.replicas,
      }),
      costPerMillionTokensUsd: (monthly / totalTokens) * 1e6,
      throughput: plan.throughput,
      ...(cheapestApi?.price && cheapestApi.monthlyCostUsd !== undefined
        ? { breakEven: breakEven({ plan, workload, versus: cheapestApi, model: model.id }) }
        : {}),
      quality,
      violations: [...baseViolations, ...contextViolation, ...latencyViolation, ...qualityViolations],
    });
  }
  return candidates;
}

/** Break-even between a self-hosting plan and an API candidate at the workload's mix. */
export function breakEven(options: {
  plan: SelfHostingPlan;
  workload: Workload;
  versus: TcoCandidate;
  model: string;
}): BreakEven {
  const { plan, workload, versus } = options;
  const outputTokens = workload.tokensPerMonth.output;
  const totalPerOutput = (workload.tokensPerMonth.input + outputTokens) / outputTokens;
  const volume = breakEvenOutputTokensPerMonth({
    apiUsdPerOutputToken: (versus.monthlyCostUsd ?? 0) / outputTokens,
    replicaUsdPerMonth: plan.gpuHourlyUsd * plan.gpuCount * hoursPerMonth,
    replicaCapacityOutputTokensPerMonth: plan.month.replicaCapacityOutputTokensPerMonth,
    operationsUsdPerMonth: workload.operationsUsdPerMonth,
  });
  return {
    versus: { model: versus.model, provider: versus.provider ?? '' },
    ...(volume === undefined
      ? {}
      : { outputTokensPerMonth: volume, tokensPerMonth: volume * totalPerOutput }),
  };
}
