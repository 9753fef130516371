// The serving model's calibration: rows at each published measurement's own conditions, the error summary
// (worked by hand), and the grid-search fit, which must find again the constants that generated a synthetic
// catalog's "published" figures (a fit that loses or mixes up a constant does not).
import { describe, expect, it } from 'vitest';
import { modelCatalogSchema, type Precision } from './catalog-types.ts';
import { loadGpuCatalog } from './load-catalog.ts';
import {
  fitServingModel,
  servingModelErrors,
  summarizeErrors,
  type CalibrationRow,
} from './serving-model-calibration.ts';
import { calibratedServingParameters, servingPoint, type ServingModelParameters } from './serving-model.ts';

const gpuCatalog = loadGpuCatalog();
const h100 = gpuCatalog.gpus.find((gpu) => gpu.id === 'H100-80GB');
if (!h100) throw new Error('the shipped GPU catalog has no H100-80GB');

const architecture = { layers: 32, kvHeads: 8, headDim: 128 };
const parametersBillions = { totalBillions: 8, activeBillions: 8 };

/** The constants the synthetic measurements are generated with: all on the fit's grid. */
const truth: ServingModelParameters = {
  computeEfficiency: 0.45,
  bandwidthEfficiency: 0.65,
  tensorParallelOverheadMsPerGpu: 1.5,
  stepOverheadMsByEngine: { 'engine-a': 7, 'engine-b': 3 },
  estimateEngine: 'engine-b',
};

interface Condition {
  engine: string;
  gpuCount: number;
  batchSize: number;
  inputTokens: number;
  outputTokens: number;
  precision: Precision;
}

/** A published-style entry whose figures the serving model with `truth` predicts exactly. */
function measured(condition: Condition) {
  const point = servingPoint({
    setup: {
      gpu: h100!,
      gpuCount: condition.gpuCount,
      precision: condition.precision,
      kvCachePrecision: 'bf16',
      totalParametersBillions: parametersBillions.totalBillions,
      activeParametersBillions: parametersBillions.activeBillions,
      architecture,
    },
    request: { inputTokens: condition.inputTokens, outputTokens: condition.outputTokens },
    batchSize: condition.batchSize,
    parameters: truth,
    engine: condition.engine,
  });
  return {
    // The GPU by an alias, in another case: found like the catalog's own entries.
    gpu: 'H100-SXM',
    gpuCount: condition.gpuCount,
    precision: condition.precision,
    outputTokensPerSecond: point.outputTokensPerSecond,
    tpotMs: point.tpotMs,
    inputTokens: condition.inputTokens,
    outputTokens: condition.outputTokens,
    engine: condition.engine,
    source: `synthetic ${condition.engine} batch ${condition.batchSize}`,
    asOf: '2026-11-01',
  };
}

const conditions: Condition[] = [
  // Memory-bound (batch 1, short prompts), compute-bound (long prompts at a large batch), 1 and 4 GPUs.
  { engine: 'engine-a', gpuCount: 1, batchSize: 1, inputTokens: 100, outputTokens: 200, precision: 'bf16' },
  {
    engine: 'engine-a',
    gpuCount: 4,
    batchSize: 256,
    inputTokens: 4000,
    outputTokens: 100,
    precision: 'bf16',
  },
  { engine: 'engine-a', gpuCount: 2, batchSize: 8, inputTokens: 500, outputTokens: 500, precision: 'fp8' },
  {
    engine: 'engine-b',
    gpuCount: 1,
    batchSize: 128,
    inputTokens: 2000,
    outputTokens: 100,
    precision: 'bf16',
  },
  { engine: 'engine-b', gpuCount: 4, batchSize: 2, inputTokens: 200, outputTokens: 400, precision: 'bf16' },
  { engine: 'engine-b', gpuCount: 8, batchSize: 32, inputTokens: 1000, outputTokens: 300, precision: 'fp8' },
];

const model = (id: string, extra: Record<string, unknown>) => ({
  id,
  name: id,
  vendor: 'v',
  openWeights: true,
  licence: { id: 'open', commercialUse: true },
  fineTunable: true,
  contextTokens: 8192,
  factsSource: 'model card',
  factsAsOf: '2026-10-01',
  ...extra,
});

const catalog = modelCatalogSchema.parse({
  models: [
    model('synthetic-8b', {
      parameters: parametersBillions,
      architecture,
      throughput: conditions.map(measured),
    }),
    // Without sizing facts, or on a GPU the GPU catalog lacks: left out of calibration.
    model('no-sizing', { throughput: [measured(conditions[0]!)] }),
    model('unknown-gpu', {
      parameters: parametersBillions,
      architecture,
      throughput: [{ ...measured(conditions[0]!), gpu: 'TPU-v5' }],
    }),
  ],
});

describe('servingModelErrors', () => {
  it('has one row per usable measurement, at the batch Little’s law gives (tokens/s × TPOT)', () => {
    const rows = servingModelErrors({ catalog, gpuCatalog, parameters: truth });
    expect(rows.map((row) => row.model)).toEqual(conditions.map(() => 'synthetic-8b'));
    rows.forEach((row, index) => {
      const condition = conditions[index]!;
      expect(row.batchSize).toBeCloseTo(condition.batchSize, 9);
      expect(row.gpu).toBe('H100-SXM');
      expect(row.gpuCount).toBe(condition.gpuCount);
      expect(row.precision).toBe(condition.precision);
      expect(row.engine).toBe(condition.engine);
      expect(row.source).toBe(`synthetic ${condition.engine} batch ${condition.batchSize}`);
      // The generating constants predict every figure exactly.
      expect(row.relativeError).toBeCloseTo(0, 9);
      expect(row.predicted.tpotMs).toBeCloseTo(row.published.tpotMs, 9);
      expect(row.predicted.outputTokensPerSecond).toBeCloseTo(row.published.outputTokensPerSecond, 6);
    });
  });

  it('reports predicted ÷ published − 1 under other constants, the calibrated ones by default', () => {
    const slower = { ...truth, stepOverheadMsByEngine: { 'engine-a': 17, 'engine-b': 13 } };
    const rows = servingModelErrors({ catalog, gpuCatalog, parameters: slower });
    for (const row of rows) {
      // 10 ms more per step: throughput batch / (step + 0.01 s) below the published batch / step.
      const stepSeconds = row.published.tpotMs / 1000;
      expect(row.relativeError).toBeCloseTo(stepSeconds / (stepSeconds + 0.01) - 1, 9);
      expect(row.predicted.outputTokensPerSecond / row.published.outputTokensPerSecond - 1).toBeCloseTo(
        row.relativeError,
        12,
      );
    }
    const byDefault = servingModelErrors({ catalog, gpuCatalog });
    expect(byDefault).toEqual(
      servingModelErrors({ catalog, gpuCatalog, parameters: calibratedServingParameters }),
    );
    expect(byDefault).not.toEqual(servingModelErrors({ catalog, gpuCatalog, parameters: truth }));
  });
});

describe('summarizeErrors', () => {
  const rows = (errors: number[]) => errors.map((relativeError) => ({ relativeError }) as CalibrationRow);

  it('takes mean, median and largest of the absolute errors (odd and even counts)', () => {
    const odd = summarizeErrors(rows([0.1, -0.3, 0.2]));
    expect(odd.measurements).toBe(3);
    expect(odd.meanAbsoluteError).toBeCloseTo(0.2, 12);
    expect(odd.medianAbsoluteError).toBeCloseTo(0.2, 12);
    expect(odd.maxAbsoluteError).toBeCloseTo(0.3, 12);
    const even = summarizeErrors(rows([-0.4, 0.1, 0.2, -0.05]));
    expect(even.measurements).toBe(4);
    expect(even.meanAbsoluteError).toBeCloseTo(0.1875, 12);
    expect(even.medianAbsoluteError).toBeCloseTo(0.15, 12);
    expect(even.maxAbsoluteError).toBeCloseTo(0.4, 12);
  });

  it('is all zero without measurements', () => {
    expect(summarizeErrors([])).toEqual({
      measurements: 0,
      meanAbsoluteError: 0,
      medianAbsoluteError: 0,
      maxAbsoluteError: 0,
    });
  });
});

describe('fitServingModel', () => {
  it('finds the constants that generated the measurements, and assumes the engine with less overhead', () => {
    expect(fitServingModel({ catalog, gpuCatalog })).toEqual(truth);
  });

  it('with nothing to fit, takes the first grid point and no engines', () => {
    const empty = modelCatalogSchema.parse({ models: [] });
    const fitted = fitServingModel({ catalog: empty, gpuCatalog });
    // Every candidate has zero loss: the first grid point wins, with no engines.
    expect(fitted).toEqual({
      computeEfficiency: 0.1,
      bandwidthEfficiency: 0.3,
      tensorParallelOverheadMsPerGpu: 0,
      stepOverheadMsByEngine: {},
      estimateEngine: '',
    });
  });
});

describe('calibration inputs', () => {
  it('finds a GPU by its id in any case, and leaves out models with parameters or architecture alone', () => {
    const byId = { ...measured(conditions[0]!), gpu: 'h100-80gb' };
    const mixed = modelCatalogSchema.parse({
      models: [
        model('by-id', { parameters: parametersBillions, architecture, throughput: [byId] }),
        model('parameters-only', { parameters: parametersBillions, throughput: [byId] }),
        model('architecture-only', { architecture, throughput: [byId] }),
      ],
    });
    const rows = servingModelErrors({ catalog: mixed, gpuCatalog, parameters: truth });
    expect(rows.map((row) => [row.model, row.gpu])).toEqual([['by-id', 'h100-80gb']]);
    expect(rows[0]?.relativeError).toBeCloseTo(0, 9);
  });
});

describe('fitServingModel at the edges of its grid', () => {
  it('reaches the last value of every range: 0.9 compute, 1.0 bandwidth, 6 ms per GPU, 30 ms a step', () => {
    const edge: ServingModelParameters = {
      computeEfficiency: 0.9,
      bandwidthEfficiency: 1,
      tensorParallelOverheadMsPerGpu: 6,
      stepOverheadMsByEngine: { 'engine-z': 30 },
      estimateEngine: 'engine-z',
    };
    const at = (condition: Condition) => {
      const point = servingPoint({
        setup: {
          gpu: h100!,
          gpuCount: condition.gpuCount,
          precision: condition.precision,
          kvCachePrecision: 'bf16',
          totalParametersBillions: 8,
          activeParametersBillions: 8,
          architecture,
        },
        request: { inputTokens: condition.inputTokens, outputTokens: condition.outputTokens },
        batchSize: condition.batchSize,
        parameters: edge,
        engine: condition.engine,
      });
      return {
        gpu: 'H100-80GB',
        gpuCount: condition.gpuCount,
        precision: condition.precision,
        outputTokensPerSecond: point.outputTokensPerSecond,
        tpotMs: point.tpotMs,
        inputTokens: condition.inputTokens,
        outputTokens: condition.outputTokens,
        engine: condition.engine,
        source: 'synthetic edge',
        asOf: '2026-11-01',
      };
    };
    // Memory-bound on 1 and 8 GPUs, compute-bound on 1 and 4: each constant moves some figure.
    const edgeConditions: Condition[] = [
      {
        engine: 'engine-z',
        gpuCount: 1,
        batchSize: 1,
        inputTokens: 100,
        outputTokens: 200,
        precision: 'bf16',
      },
      {
        engine: 'engine-z',
        gpuCount: 8,
        batchSize: 2,
        inputTokens: 100,
        outputTokens: 200,
        precision: 'bf16',
      },
      {
        engine: 'engine-z',
        gpuCount: 1,
        batchSize: 128,
        inputTokens: 4000,
        outputTokens: 100,
        precision: 'bf16',
      },
      {
        engine: 'engine-z',
        gpuCount: 4,
        batchSize: 256,
        inputTokens: 4000,
        outputTokens: 100,
        precision: 'bf16',
      },
    ];
    const edgeCatalog = modelCatalogSchema.parse({
      models: [
        model('edge-8b', {
          parameters: parametersBillions,
          architecture,
          throughput: edgeConditions.map(at),
        }),
      ],
    });
    expect(fitServingModel({ catalog: edgeCatalog, gpuCatalog })).toEqual(edge);
  });
});

describe('fitServingModel with engines of equal overhead', () => {
  it('assumes the first engine by name for estimates, whatever order the catalog lists them in', () => {
    const tied: ServingModelParameters = {
      ...truth,
      stepOverheadMsByEngine: { 'engine-b': 5, 'engine-a': 5 },
      estimateEngine: 'engine-a',
    };
    const at = (condition: Condition) => {
      const point = servingPoint({
        setup: {
          gpu: h100!,
          gpuCount: condition.gpuCount,
          precision: condition.precision,
          kvCachePrecision: 'bf16',
          totalParametersBillions: 8,
          activeParametersBillions: 8,
          architecture,
        },
        request: { inputTokens: condition.inputTokens, outputTokens: condition.outputTokens },
        batchSize: condition.batchSize,
        parameters: tied,
        engine: condition.engine,
      });
      return {
        gpu: 'H100-80GB',
        gpuCount: condition.gpuCount,
        precision: condition.precision,
        outputTokensPerSecond: point.outputTokensPerSecond,
        tpotMs: point.tpotMs,
        inputTokens: condition.inputTokens,
        outputTokens: condition.outputTokens,
        engine: condition.engine,
        source: 'synthetic tie',
        asOf: '2026-11-01',
      };
    };
    // engine-b's measurements first: memory-bound on 1 GPU, compute-bound on 4 and on 1.
    const shapes = [
      { gpuCount: 1, batchSize: 1, inputTokens: 100, outputTokens: 200, precision: 'bf16' as const },
      { gpuCount: 4, batchSize: 256, inputTokens: 4000, outputTokens: 100, precision: 'bf16' as const },
      { gpuCount: 1, batchSize: 128, inputTokens: 2000, outputTokens: 100, precision: 'bf16' as const },
    ];
    const tiedCatalog = modelCatalogSchema.parse({
      models: [
        model('tied-8b', {
          parameters: parametersBillions,
          architecture,
          throughput: [
            ...shapes.map((shape) => at({ ...shape, engine: 'engine-b' })),
            ...shapes.map((shape) => at({ ...shape, engine: 'engine-a' })),
          ],
        }),
      ],
    });
    const fitted = fitServingModel({ catalog: tiedCatalog, gpuCatalog });
    expect(fitted).toEqual(tied);
    expect(fitted.estimateEngine).toBe('engine-a');
  });
});
