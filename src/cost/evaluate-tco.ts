import { InputError } from '../spec/index.ts';
import type { ApiPrice, CatalogModel, Gpu, GpuCatalog, ModelCatalog } from './catalog-types.ts';
import { breakEvenOutputTokensPerMonth } from './break-even.ts';
import { catalogWithWorkloadPrices } from './catalog-with-workload-prices.ts';
import { apiViolations, selfHostedViolations } from './constraint-violations.ts';
import { apiFineTuningCost, selfHostedFineTuningCost, type FineTuningCost } from './fine-tuning-cost.ts';
import { checkQualityFloors, type MeasuredScore, type QualityFigure } from './quality.ts';
import { hoursPerMonth, selfHostedUsdPerMillionOutputTokens } from './self-hosting-cost.ts';
import {
  planSelfHosting,
  setupLabel,
  type SelfHostingPlan,
  type SetupEvaluation,
  type ThroughputFigure,
} from './self-hosting-plan.ts';
import { ratesForPrompt } from './token-cost.ts';
import { workloadContextTokens, type MeasuredThroughput, type Workload } from './workload.ts';

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
  /**
   * Monthly spend split into what input and output tokens cost (API: at their rates; self-hosted: by the share
   * of GPU time prefill and decode take) plus the fixed costs in each (staff, operations, fine-tuning), so that
   * inputUsd + outputUsd = monthlyCostUsd.
   */
  readonly spend?: { readonly inputUsd: number; readonly outputUsd: number; readonly fixedUsd: number };
  /** Input spend ÷ monthly input tokens × 1e6. */
  readonly costPerMillionInputTokensUsd?: number;
  /** Output spend ÷ monthly output tokens × 1e6. */
  readonly costPerMillionOutputTokensUsd?: number;
  /** Monthly cost ÷ monthly input + output tokens × 1e6 (blended). */
  readonly costPerMillionTokensUsd?: number;
  /** Self-hosted: share of the replicas' full-load capacity the workload uses. */
  readonly utilization?: number;
  /** Self-hosted: GPU cost per million tokens (input + output) if the replicas ran at full load. */
  readonly fullLoadCostPerMillionTokensUsd?: number;
  /** Self-hosted: GPU cost per million output tokens at full load (docs/cost.md's capacity figure). */
  readonly fullLoadCostPerMillionOutputTokensUsd?: number;
  readonly fineTuning?: FineTuningCost;
  readonly staffUsdPerMonth?: number;
  readonly throughput?: ThroughputFigure;
  /** Self-hosted: every other setup tried, with the constraints it fails (empty: it was only dearer). */
  readonly rejectedSetups?: readonly SetupEvaluation[];
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

/** Monthly API spend at the workload's volume, mix, cache share and average prompt size (which sets the tier). */
export function apiMonthlySpend(
  workload: Workload,
  price: ApiPrice,
): { inputUsd: number; outputUsd: number } {
  const { input, output, cachedInputShare } = workload.tokensPerMonth;
  const rates = ratesForPrompt(price, workload.averageRequest.inputTokens);
  const cachedRate =
    rates.cachedInputUsdPerMillion ?? price.cachedInputUsdPerMillion ?? rates.inputUsdPerMillion;
  return {
    inputUsd:
      (input * (1 - cachedInputShare) * rates.inputUsdPerMillion + input * cachedInputShare * cachedRate) /
      1e6,
    outputUsd: (output * rates.outputUsdPerMillion) / 1e6,
  };
}

/** Monthly API cost at the workload's volume, mix, cache share and average prompt size (which sets the tier). */
export function apiMonthlyUsd(workload: Workload, price: ApiPrice): number {
  const spend = apiMonthlySpend(workload, price);
  return spend.inputUsd + spend.outputUsd;
}

function selectedModels(workload: Workload, catalog: ModelCatalog, file: string | undefined): CatalogModel[] {
  if (!workload.candidates) return [...catalog.models];
  return workload.candidates.map((id, index) => {
    const model = catalog.models.find((candidate) => candidate.id === id);
    if (!model) {
      throw new InputError(
        `candidates[${index}]: unknown model '${id}' (see 'parity prices', or give its price in the workload's prices)`,
        { ...(file ? { location: file } : {}) },
      );
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

/** Spend ÷ tokens for input, output and both, with `inputShare` of the monthly cost assigned to input. */
function perMillion(options: {
  workload: Workload;
  monthlyUsd: number;
  inputShare: number;
  fixedUsd: number;
}) {
  const { input, output } = options.workload.tokensPerMonth;
  const inputUsd = options.monthlyUsd * options.inputShare;
  const outputUsd = options.monthlyUsd - inputUsd;
  return {
    spend: { inputUsd, outputUsd, fixedUsd: options.fixedUsd },
    ...(input > 0 ? { costPerMillionInputTokensUsd: (inputUsd / input) * 1e6 } : {}),
    costPerMillionOutputTokensUsd: (outputUsd / output) * 1e6,
    costPerMillionTokensUsd: (options.monthlyUsd / (input + output)) * 1e6,
  };
}

function summarizeRejections(rejected: readonly SetupEvaluation[]): string {
  // Called only without a plan: every setup tried fails some constraint.
  const failing = rejected;
  const kinds = new Map<string, number>();
  for (const setup of failing) {
    // Stryker disable next-line StringLiteral: a failing setup has a first violation
    const first = setup.violations[0] ?? '';
    const kind = first.slice(0, first.indexOf(':'));
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  // The closest miss: the setup with the most memory to spare relative to its need. Latency misses come first:
  // they fit (usable ÷ need ≥ 1), memory misses do not (< 1).
  const closest = [...failing].sort(
    (left, right) =>
      right.usableBytes / (right.weightBytes + right.kvCacheBytes) -
      left.usableBytes / (left.weightBytes + left.kvCacheBytes),
  )[0];
  const counts = [...kinds].map(([kind, count]) => `${count} ${kind}`).join(', ');
  return `no self-hosting setup meets every constraint (${failing.length} tried, excluded by ${counts})${closest ? `; closest: ${setupLabel(closest)}: ${closest.violations.join('; ')}` : ''}`;
}

/**
 * Every candidate deployment of every candidate model: one per API provider in the catalog (or the workload's
 * prices) and, for open-weight models, the cheapest self-hosting setup that meets the workload's constraints —
 * each with monthly and horizon cost, cost per million input, output and all tokens (spend ÷ tokens), quality
 * against the floors, and every constraint it fails with the reason.
 */
export function evaluateTco(inputs: TcoInputs): TcoCandidate[] {
  const { workload } = inputs;
  const catalog = catalogWithWorkloadPrices({
    catalog: inputs.catalog,
    prices: workload.prices,
    file: inputs.workloadFile,
  });
  // Stryker disable next-line ArrayDeclaration: a non-score entry matches no model and benchmark, like none
  const measuredScores = inputs.measuredScores ?? [];
  // Stryker disable next-line ArrayDeclaration: a non-measurement entry matches no model and setup, like none
  const benchMeasured = inputs.measuredThroughput ?? [];
  const gpus = selectedGpus(workload, inputs.gpuCatalog, inputs.workloadFile);
  const outputTokens = workload.tokensPerMonth.output;
  const staffRate = workload.staff?.usdPerHour ?? 0;
  const apiStaff = staffRate * (workload.staff?.apiHoursPerMonth ?? 0);
  const selfHostedStaff = staffRate * (workload.staff?.selfHostedHoursPerMonth ?? 0);
  const candidates: TcoCandidate[] = [];

  for (const model of selectedModels(workload, catalog, inputs.workloadFile)) {
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
    const apiCandidates = model.apiPrices.map((listPrice): TcoCandidate => {
      // A fine-tuned model is served at the provider's fine-tuned-model prices when it publishes them.
      const hosted = workload.fineTuning ? listPrice.fineTuningPrices : undefined;
      const price: ApiPrice =
        hosted &&
        (hosted.hostedInputUsdPerMillion !== undefined || hosted.hostedOutputUsdPerMillion !== undefined)
          ? {
              ...listPrice,
              inputUsdPerMillion: hosted.hostedInputUsdPerMillion ?? listPrice.inputUsdPerMillion,
              outputUsdPerMillion: hosted.hostedOutputUsdPerMillion ?? listPrice.outputUsdPerMillion,
              cachedInputUsdPerMillion: undefined,
              tiers: [],
              source: `${listPrice.source}; fine-tuned model prices`,
            }
          : listPrice;
      const variable = apiMonthlySpend(workload, price);
      const fineTuning = workload.fineTuning
        ? apiFineTuningCost({ price, fineTuning: workload.fineTuning })
        : undefined;
      const fixedUsd = apiStaff + (fineTuning?.usdPerMonth ?? 0);
      const monthly = variable.inputUsd + variable.outputUsd + fixedUsd;
      const variableTotal = variable.inputUsd + variable.outputUsd;
      return {
        model: model.id,
        modelName: model.name,
        deployment: 'api',
        provider: price.provider,
        price,
        monthlyCostUsd: monthly,
        horizonCostUsd: monthly * workload.horizonMonths,
        ...perMillion({
          workload,
          monthlyUsd: monthly,
          inputShare: variableTotal > 0 ? variable.inputUsd / variableTotal : 0,
          fixedUsd,
        }),
        ...(fineTuning ? { fineTuning } : {}),
        ...(workload.staff ? { staffUsdPerMonth: apiStaff } : {}),
        quality,
        violations: [...apiViolations({ model, price, workload }), ...contextViolation, ...qualityViolations],
      };
    });
    candidates.push(...apiCandidates);
    if (!model.openWeights) continue;

    const gpuHourlyUsd = (gpu: Gpu): number =>
      workload.selfHosting.gpuHourlyUsd.find((entry) => entry.gpu === gpu.id)?.usd ?? gpu.hourlyUsd;
    const fineTuningFor = (gpu: Gpu): FineTuningCost | undefined => {
      if (!workload.fineTuning) return undefined;
      const trainingGpu = workload.fineTuning.gpu
        ? // Stryker disable next-line OptionalChaining: within the branch where fine-tuning is set
          (gpus.find((entry) => entry.id === workload.fineTuning?.gpu) ?? gpu)
        : gpu;
      return selfHostedFineTuningCost({
        model,
        gpu: trainingGpu,
        gpuHourlyUsd: gpuHourlyUsd(trainingGpu),
        fineTuning: workload.fineTuning,
      });
    };
    // Fine-tuning cost depends on the GPU type only weakly; plan with the first GPU's figure, report the chosen one's.
    const firstGpu = gpus[0];
    const plannedFineTuning = firstGpu ? (fineTuningFor(firstGpu)?.usdPerMonth ?? 0) : 0;
    const result = planSelfHosting({
      model,
      inputs: {
        gpus,
        gpuHourlyUsd,
        precisions: workload.selfHosting.precisions,
        kvCachePrecision: workload.selfHosting.kvCachePrecision,
        contextTokens: workloadContextTokens(workload),
        concurrentSequences: workload.selfHosting.concurrentSequences,
        runtimeOverheadFraction: workload.selfHosting.runtimeOverheadFraction,
        request: workload.averageRequest,
        ...(workload.latencyTarget?.tpotMs === undefined
          ? {}
          : { tpotTargetMs: workload.latencyTarget.tpotMs }),
        ...(workload.latencyTarget?.ttftMs === undefined
          ? {}
          : { ttftTargetMs: workload.latencyTarget.ttftMs }),
        utilizationCeiling: workload.utilization,
        outputTokensPerMonth: outputTokens,
        peakRequestsPerSecond: workload.peakRequestsPerSecond,
        fixedUsdPerMonth: workload.operationsUsdPerMonth + selfHostedStaff + plannedFineTuning,
        measured: [...workload.selfHosting.throughput, ...benchMeasured],
      },
    });
    const baseViolations = selfHostedViolations({ model, workload });
    const plan = result.plan;
    if (!plan) {
      candidates.push({
        model: model.id,
        modelName: model.name,
        deployment: 'self_hosted',
        quality,
        rejectedSetups: result.rejected,
        violations: [
          `sizing: ${result.impossible ?? summarizeRejections(result.rejected)}`,
          ...baseViolations,
          ...contextViolation,
          ...qualityViolations,
        ],
      });
      continue;
    }
    const monthly = plan.month.monthlyUsd;
    const fixedUsd = monthly - plan.month.gpuUsdPerMonth;
    const fineTuning = fineTuningFor(plan.gpu);
    const cheapestApi = [...apiCandidates].sort(
      (left, right) => (left.monthlyCostUsd ?? 0) - (right.monthlyCostUsd ?? 0),
    )[0];
    const replicaHourlyUsd = plan.gpuHourlyUsd * plan.gpuCount;
    const fullLoadTokensPerSecond =
      plan.throughput.outputTokensPerSecond + plan.throughput.inputTokensPerSecond;
    candidates.push({
      model: model.id,
      modelName: model.name,
      deployment: 'self_hosted',
      selfHosting: plan,
      monthlyCostUsd: monthly,
      horizonCostUsd: monthly * workload.horizonMonths,
      ...perMillion({
        workload,
        monthlyUsd: monthly,
        inputShare: plan.throughput.prefillTimeShare,
        fixedUsd,
      }),
      utilization: plan.month.utilization,
      fullLoadCostPerMillionTokensUsd: replicaHourlyUsd / ((fullLoadTokensPerSecond * 3600) / 1e6),
      fullLoadCostPerMillionOutputTokensUsd: selfHostedUsdPerMillionOutputTokens({
        gpuHourlyUsd: plan.gpuHourlyUsd,
        gpuCount: plan.gpuCount,
        outputTokensPerSecond: plan.throughput.outputTokensPerSecond,
        utilization: 1,
      }),
      ...(fineTuning ? { fineTuning } : {}),
      ...(workload.staff ? { staffUsdPerMonth: selfHostedStaff } : {}),
      throughput: plan.throughput,
      rejectedSetups: result.rejected,
      ...(cheapestApi
        ? { breakEven: breakEven({ plan, workload, versus: cheapestApi, model: model.id }) }
        : {}),
      quality,
      violations: [...baseViolations, ...contextViolation, ...qualityViolations],
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
    operationsUsdPerMonth: plan.month.monthlyUsd - plan.month.gpuUsdPerMonth,
  });
  return {
    // Stryker disable next-line StringLiteral: an API candidate always has its provider
    versus: { model: versus.model, provider: versus.provider ?? '' },
    ...(volume === undefined
      ? {}
      : { outputTokensPerMonth: volume, tokensPerMonth: volume * totalPerOutput }),
  };
}
