import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { runProtocol } from '../benchmarks/registry.ts';
import { applyPriceFeed } from '../cost/apply-price-feed.ts';
import { evaluateTco } from '../cost/evaluate-tco.ts';
import type { GpuCatalog, ModelCatalog } from '../cost/catalog-types.ts';
import { findCatalogModel } from '../cost/find-catalog-model.ts';
import { loadGpuCatalog, loadModelCatalog } from '../cost/load-catalog.ts';
import { parsePriceFeed } from '../cost/price-feed.ts';
import type { MeasuredScore } from '../cost/quality.ts';
import { parseWorkload, type MeasuredThroughput, type Workload } from '../cost/workload.ts';
import { isBenchStepItem, readBenchStepRecord } from '../report/bench-step-record.ts';
import { InputError, type ItemRecord } from '../spec/index.ts';
import { openRunStore } from './open-run-store.ts';
import type { CliIo } from './cli-io.ts';
import { storePath } from './paths.ts';
import { readRunOutcomes, runScores } from './run-summary.ts';

export interface CostFlags {
  readonly runs?: readonly string[];
  readonly prices?: string;
  readonly benchGpu?: string;
  readonly store?: string;
  readonly json?: boolean;
}

/** The model name inside a spec: `openai:gpt-4o` → `gpt-4o`, `local:/m/x.gguf` → `x.gguf`. */
function specModelName(modelSpec: string): string {
  const colon = modelSpec.indexOf(':');
  const name = colon > 0 ? modelSpec.slice(colon + 1) : modelSpec;
  return modelSpec.startsWith('local:') ? basename(name) : name;
}

/** A price file's text from a path or an http(s) URL (fetched with the injected fetch); errors name `flag`. */
export async function readPriceText(io: CliIo, location: string, flag: string): Promise<string> {
  if (/^https?:\/\//.test(location)) {
    const fetchFunction = io.fetch ?? fetch;
    const response = await fetchFunction(location, { signal: io.signal ?? null });
    if (!response.ok) throw new InputError(`${flag}: ${location} answered HTTP ${response.status}`);
    return response.text();
  }
  const file = resolve(io.cwd, location);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`${flag}: cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Where `parity prices --update` keeps the prices it took in: prices.json beside the run store. */
export function priceOverlayPath(io: CliIo, store: string | undefined): string {
  return join(dirname(storePath(io, store)), 'prices.json');
}

/**
 * The catalog with, in order, the prices saved by `parity prices --update` (litellm format, beside the store)
 * and `--prices` (a litellm `model_prices_and_context_window.json` or an OpenRouter `/api/v1/models` response,
 * from a file or an http(s) URL) applied.
 */
export async function catalogWithPrices(
  io: CliIo,
  prices: string | undefined,
  store?: string,
): Promise<ModelCatalog> {
  let catalog = loadModelCatalog();
  const today = io.now().toISOString().slice(0, 10);
  const overlay = priceOverlayPath(io, store);
  if (existsSync(overlay)) {
    const feed = parsePriceFeed({ text: readFileSync(overlay, 'utf8'), file: overlay });
    catalog = applyPriceFeed({
      catalog,
      prices: feed.prices,
      source: `prices saved in ${overlay}`,
      asOf: today,
    }).catalog;
  }
  if (!prices) return catalog;
  const feed = parsePriceFeed({ text: await readPriceText(io, prices, '--prices'), file: prices });
  return applyPriceFeed({
    catalog,
    prices: feed.prices,
    source: `${feed.format} price feed ${prices}`,
    asOf: today,
  }).catalog;
}

export function readWorkload(io: CliIo, file: string): Workload {
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read workload: ${(error as Error).message}`, {
      location: file,
      cause: error,
    });
  }
  return parseWorkload({ text, file });
}

export interface MeasuredFromRuns {
  readonly scores: MeasuredScore[];
  readonly throughput: MeasuredThroughput[];
}

/**
 * Scores of `--runs` eval runs (headline metric with its interval) and throughput of bench runs (the step with
 * the highest output throughput whose median TPOT meets the workload's target), mapped to catalog models by
 * the run's model spec. Runs of models the catalog does not know are reported on stderr and skipped.
 */
export function measuredFromRuns(options: {
  io: CliIo;
  flags: CostFlags;
  catalog: ModelCatalog;
  gpuCatalog: GpuCatalog;
  workload: Workload;
}): MeasuredFromRuns {
  const { io, flags } = options;
  const scores: MeasuredScore[] = [];
  const throughput: MeasuredThroughput[] = [];
  if (!flags.runs || flags.runs.length === 0) return { scores, throughput };
  const path = storePath(io, flags.store);
  const store = openRunStore(io, { store: flags.store, allowReadOnly: true });
  try {
    for (const runId of flags.runs) {
      const run = readRunOutcomes(store, runId, path);
      const model = findCatalogModel(options.catalog, specModelName(run.config.modelSpec));
      if (!model) {
        io.stderr(`parity: run ${runId}: model '${run.config.modelSpec}' is not in the catalog; ignored\n`);
        continue;
      }
      if (run.kind === 'bench') {
        const measured = benchThroughput({
          ...options,
          runId,
          model: model.id,
          items: store.getRun(runId)?.items ?? [],
        });
        if (measured) throughput.push(measured);
        continue;
      }
      const protocol = runProtocol(run.config);
      const headline = protocol.metrics[0];
      const estimate = headline ? runScores(run, protocol).summary.metrics[headline.name] : undefined;
      if (!estimate) continue;
      scores.push({
        model: model.id,
        benchmark: run.config.benchmark,
        value: estimate.value,
        ci95: estimate.ci95,
        n: estimate.n,
        protocol: `${protocol.id} ${headline?.name ?? ''}`.trim(),
        runId,
      });
    }
  } finally {
    store.close();
  }
  return { scores, throughput };
}

function benchThroughput(options: {
  io: CliIo;
  flags: CostFlags;
  gpuCatalog: GpuCatalog;
  workload: Workload;
  runId: string;
  model: string;
  items: readonly ItemRecord[];
}): MeasuredThroughput | undefined {
  const target = options.workload.latencyTarget?.tpotMs;
  const allSteps = options.items
    .filter(isBenchStepItem)
    .map((record) => readBenchStepRecord(record, { runId: options.runId }));
  const steps = allSteps.filter(
    (step) => target === undefined || (step.metrics.tpot.median ?? Infinity) <= target,
  );
  const best = steps.sort((left, right) => right.metrics.outputThroughput - left.metrics.outputThroughput)[0];
  if (!best || best.metrics.outputThroughput <= 0) {
    options.io.stderr(`parity: run ${options.runId}: no bench step meets the latency target; ignored\n`);
    return undefined;
  }
  // The hardware the run recorded (`parity bench --gpu`) wins; --bench-gpu or the workload's first GPU type
  // stand in for runs that did not record it.
  const hardware = best.settings.hardware;
  const gpu = hardware?.gpu ?? options.flags.benchGpu ?? options.workload.selfHosting.gpuTypes?.[0];
  if (!gpu) {
    throw new InputError(
      `run ${options.runId} is a bench run without a recorded GPU: name the GPU it ran on with --bench-gpu <type> (or record it with parity bench --gpu TYPExCOUNT)`,
    );
  }
  const precision = hardware?.precision ?? 'bf16';
  if (hardware?.precision === undefined) {
    options.io.stderr(
      `parity: run ${options.runId}: no precision recorded (parity bench --precision); its throughput is used for bf16 only\n`,
    );
  }
  return {
    model: options.model,
    gpu,
    gpuCount: hardware?.gpuCount ?? best.metrics.cost?.gpus ?? 1,
    precision,
    outputTokensPerSecond: best.metrics.outputThroughput,
    ...(best.metrics.tpot.median === undefined ? {} : { tpotMs: best.metrics.tpot.median }),
    ...(best.metrics.ttft.median === undefined ? {} : { ttftMs: best.metrics.ttft.median }),
    inputTokens: best.settings.inputTokens,
    outputTokens: best.settings.outputTokens,
    source: `parity bench run ${options.runId}, step ${best.stepIndex}${hardware ? ` on ${hardware.gpuCount} × ${hardware.gpu}` : ''}`,
  };
}

export function loadGpus(): GpuCatalog {
  return loadGpuCatalog();
}

/**
 * What `parity tco` and `parity recommend` both start from: the workload, the catalogs (with `--prices`),
 * what `--runs` measured, and every candidate's costs and failed constraints.
 */
export async function tcoCandidates(io: CliIo, file: string, flags: CostFlags) {
  const workload = readWorkload(io, file);
  const catalog = await catalogWithPrices(io, flags.prices, flags.store);
  const gpuCatalog = loadGpus();
  const measured = measuredFromRuns({ io, flags, catalog, gpuCatalog, workload });
  const candidates = evaluateTco({
    workload,
    catalog,
    gpuCatalog,
    measuredScores: measured.scores,
    measuredThroughput: measured.throughput,
    workloadFile: file,
  });
  return { workload, measured, candidates };
}
