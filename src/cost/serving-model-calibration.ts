import type { Gpu, GpuCatalog, ModelCatalog, Precision, PublishedThroughput } from './catalog-types.ts';
import {
  calibratedServingParameters,
  servingPoint,
  type ServingModelParameters,
  type ServingSetup,
} from './serving-model.ts';

/** The serving model next to one published measurement, at the measurement's own conditions. */
export interface CalibrationRow {
  readonly model: string;
  readonly gpu: string;
  readonly gpuCount: number;
  readonly precision: Precision;
  readonly engine: string;
  readonly source: string;
  /** Sequences in flight during the measurement, from Little's law: output tokens/s × TPOT. */
  readonly batchSize: number;
  readonly published: { readonly outputTokensPerSecond: number; readonly tpotMs: number };
  readonly predicted: { readonly outputTokensPerSecond: number; readonly tpotMs: number };
  /** predicted ÷ published output tokens/s − 1 (the TPOT error is its reciprocal). */
  readonly relativeError: number;
}

export interface ErrorSummary {
  readonly measurements: number;
  /** Mean and largest |predicted ÷ published − 1| of output throughput. */
  readonly meanAbsoluteError: number;
  readonly medianAbsoluteError: number;
  readonly maxAbsoluteError: number;
}

function findGpu(gpuCatalog: GpuCatalog, name: string): Gpu | undefined {
  const wanted = name.toLowerCase();
  return gpuCatalog.gpus.find(
    (gpu) => gpu.id.toLowerCase() === wanted || gpu.aliases.some((alias) => alias.toLowerCase() === wanted),
  );
}

interface Measurement {
  readonly model: string;
  readonly setup: ServingSetup;
  readonly entry: PublishedThroughput;
}

function measurements(catalog: ModelCatalog, gpuCatalog: GpuCatalog): Measurement[] {
  const list: Measurement[] = [];
  for (const model of catalog.models) {
    if (!model.parameters || !model.architecture) continue;
    for (const entry of model.throughput) {
      const gpu = findGpu(gpuCatalog, entry.gpu);
      if (!gpu) continue;
      list.push({
        model: model.id,
        entry,
        setup: {
          gpu,
          gpuCount: entry.gpuCount,
          precision: entry.precision,
          // vLLM's default KV cache dtype is the activation dtype (bf16) for these checkpoints.
          kvCachePrecision: 'bf16',
          totalParametersBillions: model.parameters.totalBillions,
          activeParametersBillions: model.parameters.activeBillions,
          architecture: model.architecture,
        },
      });
    }
  }
  return list;
}

function row(measurement: Measurement, parameters: ServingModelParameters): CalibrationRow {
  const { entry } = measurement;
  const batchSize = (entry.outputTokensPerSecond * entry.tpotMs) / 1000;
  const point = servingPoint({
    setup: measurement.setup,
    request: { inputTokens: entry.inputTokens, outputTokens: entry.outputTokens },
    batchSize,
    parameters,
    engine: entry.engine,
  });
  return {
    model: measurement.model,
    gpu: entry.gpu,
    gpuCount: entry.gpuCount,
    precision: entry.precision,
    engine: entry.engine,
    source: entry.source,
    batchSize,
    published: { outputTokensPerSecond: entry.outputTokensPerSecond, tpotMs: entry.tpotMs },
    predicted: { outputTokensPerSecond: point.outputTokensPerSecond, tpotMs: point.tpotMs },
    relativeError: point.outputTokensPerSecond / entry.outputTokensPerSecond - 1,
  };
}

/** The serving model's prediction for every published measurement in the catalog, at its conditions. */
export function servingModelErrors(options: {
  catalog: ModelCatalog;
  gpuCatalog: GpuCatalog;
  parameters?: ServingModelParameters;
}): CalibrationRow[] {
  const parameters = options.parameters ?? calibratedServingParameters;
  return measurements(options.catalog, options.gpuCatalog).map((measurement) => row(measurement, parameters));
}

export function summarizeErrors(rows: readonly CalibrationRow[]): ErrorSummary {
  const errors = rows.map((entry) => Math.abs(entry.relativeError)).sort((left, right) => left - right);
  const middle = Math.floor(errors.length / 2);
  // No errors: the even branch reads two missing entries, 0.
  const median =
    errors.length % 2 === 1 ? (errors[middle] ?? 0) : ((errors[middle - 1] ?? 0) + (errors[middle] ?? 0)) / 2;
  return {
    measurements: errors.length,
    meanAbsoluteError: errors.reduce((sum, value) => sum + value, 0) / Math.max(1, errors.length),
    medianAbsoluteError: median,
    maxAbsoluteError: errors[errors.length - 1] ?? 0,
  };
}

const range = (from: number, to: number, step: number): number[] => {
  const values: number[] = [];
  for (let value = from; value <= to + 1e-9; value += step) values.push(Math.round(value * 1000) / 1000);
  return values;
};

/**
 * Fits the serving model's constants to the catalog's published measurements by grid search, minimizing the mean
 * |log(predicted ÷ published throughput)|: compute efficiency (0.2–0.9 by 0.05), bandwidth efficiency (0.3–1 by 0.05),
 * tensor-parallel overhead (0–6 ms by 0.5) and, for each engine separately, the per-step overhead (0–30 ms by 1). The engine with
 * the smallest overhead becomes the one assumed for estimates.
 */
export function fitServingModel(options: {
  catalog: ModelCatalog;
  gpuCatalog: GpuCatalog;
}): ServingModelParameters {
  const all = measurements(options.catalog, options.gpuCatalog);
  const engines = [...new Set(all.map((measurement) => measurement.entry.engine))].sort();
  const loss = (list: readonly Measurement[], parameters: ServingModelParameters): number =>
    list.reduce(
      (sum, measurement) => sum + Math.abs(Math.log1p(row(measurement, parameters).relativeError)),
      0,
    );
  let best: { loss: number; parameters: ServingModelParameters } | undefined;
  for (const computeEfficiency of range(0.1, 0.9, 0.05)) {
    for (const bandwidthEfficiency of range(0.3, 1, 0.05)) {
      for (const tensorParallelOverheadMsPerGpu of range(0, 6, 0.5)) {
        const overheads: Record<string, number> = {};
        let total = 0;
        for (const engine of engines) {
          const list = all.filter((measurement) => measurement.entry.engine === engine);
          let engineBest: { loss: number; overhead: number } | undefined;
          for (const overhead of range(0, 30, 1)) {
            const candidate = loss(list, {
              computeEfficiency,
              bandwidthEfficiency,
              tensorParallelOverheadMsPerGpu,
              stepOverheadMsByEngine: { [engine]: overhead },
              estimateEngine: engine,
            });
            if (!engineBest || candidate < engineBest.loss - 1e-12)
              engineBest = { loss: candidate, overhead };
          }
          // Stryker disable next-line OptionalChaining: the overhead range is never empty
          overheads[engine] = engineBest?.overhead ?? 0;
          // Stryker disable next-line OptionalChaining: the overhead range is never empty
          total += engineBest?.loss ?? 0;
        }
        if (!best || total < best.loss - 1e-12) {
          const estimateEngine =
            [...engines].sort((left, right) => (overheads[left] ?? 0) - (overheads[right] ?? 0))[0] ?? '';
          best = {
            loss: total,
            parameters: {
              computeEfficiency,
              bandwidthEfficiency,
              tensorParallelOverheadMsPerGpu,
              stepOverheadMsByEngine: overheads,
              estimateEngine,
            },
          };
        }
      }
    }
  }
  // Stryker disable next-line OptionalChaining: the grid is never empty
  return best?.parameters ?? calibratedServingParameters;
}
