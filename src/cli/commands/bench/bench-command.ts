import { checkBaseUrl } from '../../../providers/shared/check-base-url.ts';
import { displayUrl } from '../../../providers/shared/display-url.ts';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runSweep, type SweepEvent } from '../../../loadgen/run-sweep.ts';
import { systemLoadClock } from '../../../loadgen/load-clock.ts';
import { createStreamingClient } from '../../../loadgen/streaming-client.ts';
import { keyVariablesFor, parseModelSpec } from '../../../providers/create-language-model.ts';
import { findOpenAIPreset } from '../../../providers/provider-presets.ts';
import { benchStepItemRecord } from '../../../report/bench-step-record.ts';
import { benchStepJson } from '../../../report/bench-step-json.ts';
import { benchLoadLabel, formatBenchTable } from '../../../report/format-bench-table.ts';
import { createBenchStepProgress } from './bench-step-progress.ts';
import { currentOwner, openRunStore, startHeartbeat } from '../../open-run-store.ts';
import type { BenchLoad, BenchSettings, RunConfig } from '../../../spec/index.ts';
import { InputError } from '../../../spec/index.ts';
import { parseBenchHardware, parseBenchLoads, parsePositiveNumber, parseSlo } from './bench-options.ts';
import { promptSource } from './bench-prompts.ts';
import type { CliIo } from '../../cli-io.ts';
import { outputLengthWarning } from './bench-output-length.ts';
import { parseSecondsAsMs, parseWholeNumber } from '../../parse-options.ts';
import { readProviderKey } from '../../model-from-spec.ts';
import { BENCH_DEFAULTS } from '../../options/defaults.ts';

export interface BenchFlags {
  readonly model: string;
  readonly baseUrl?: string;
  readonly endpoint?: string;
  readonly concurrency?: string;
  readonly requestRate?: string;
  readonly burstiness?: string;
  readonly inputTokens?: string;
  readonly outputTokens?: string;
  readonly promptsFrom?: string;
  readonly dataDir?: string;
  readonly download: boolean;
  readonly requests?: string;
  readonly duration?: string;
  readonly warmup?: string;
  readonly slo?: string;
  readonly gpuHourly?: string;
  readonly gpus?: string;
  readonly gpu?: string;
  readonly precision?: string;
  readonly seed?: string;
  readonly timeout?: string;
  readonly ignoreEos: boolean;
  readonly earlyStop: boolean;
  readonly store?: string;
  /** true: JSON on stdout instead of the table; a file name (older spelling): JSON to that file too. */
  readonly json?: string | boolean;
}

/** Requests per step when neither --requests nor --duration is given: 100, and at least 4 waves of a closed loop. */
export function defaultRequestsPerStep(load: BenchLoad): number {
  return load.type === 'concurrency' ? Math.max(100, 4 * load.concurrency) : 100;
}

function progressLine(event: SweepEvent, total: number): string | undefined {
  if (event.type === 'warmup-note') return `note: ${event.message}\n`;
  if (event.type === 'sweep-stop')
    return `stopping after step ${event.afterStep + 1}: saturated (${event.reason})\n`;
  if (event.type !== 'step-end') return undefined;
  const { metrics, stepIndex } = event.step;
  const ttft = metrics.ttft.median === undefined ? '—' : metrics.ttft.median.toFixed(0);
  return `step ${stepIndex + 1}/${total} ${benchLoadLabel(metrics.load)}: ${metrics.completed} ok, ${metrics.failed} failed, ${metrics.requestThroughput.toFixed(2)} req/s, ${metrics.outputThroughput.toFixed(1)} output tok/s, TTFT p50 ${ttft} ms\n`;
}

/** `parity bench`: a load sweep against one endpoint, stored as a run of kind 'bench'. */
export async function benchCommand(flags: BenchFlags, io: CliIo): Promise<number> {
  const spec = parseModelSpec(flags.model);
  if (spec.provider !== 'openai') {
    throw new InputError(
      `parity bench measures an OpenAI-compatible HTTP endpoint: use openai:<model> (or a preset such as vllm:<model>) with --base-url; serve a GGUF with 'parity serve'`,
      { location: '--model' },
    );
  }
  const endpoint = flags.endpoint ?? spec.api;
  if (endpoint !== 'chat' && endpoint !== 'completions') {
    throw new InputError(`expected chat or completions, got '${endpoint}'`, { location: '--endpoint' });
  }
  const loads = parseBenchLoads(flags);
  if (flags.requests !== undefined && flags.duration !== undefined) {
    throw new InputError('give --requests or --duration, not both', { location: '--requests' });
  }
  const requestsPerStep = parseWholeNumber('--requests', flags.requests);
  const durationMs = parseSecondsAsMs('--duration', flags.duration);
  if (
    durationMs !== undefined &&
    loads.some((load) => load.type === 'request-rate' && !Number.isFinite(load.requestRate))
  ) {
    throw new InputError(
      "'inf' sends every request of a step at once, so it needs a count: give --requests N instead of --duration",
      { location: '--request-rate' },
    );
  }
  const inputTokens = parseWholeNumber('--input-tokens', flags.inputTokens) ?? BENCH_DEFAULTS.inputTokens;
  const outputTokens = parseWholeNumber('--output-tokens', flags.outputTokens) ?? BENCH_DEFAULTS.outputTokens;
  const warmupRequests = parseWholeNumber('--warmup', flags.warmup, { min: 0 }) ?? BENCH_DEFAULTS.warmup;
  const seed = parseWholeNumber('--seed', flags.seed, { min: 0 }) ?? BENCH_DEFAULTS.seed;
  const timeoutMs = parseSecondsAsMs('--timeout', flags.timeout) ?? BENCH_DEFAULTS.timeoutMs;
  const slo = parseSlo(flags.slo);
  const gpuHourlyUsd = parsePositiveNumber('--gpu-hourly', flags.gpuHourly);
  const hardware = parseBenchHardware(flags);
  const gpus = hardware?.gpuCount ?? parseWholeNumber('--gpus', flags.gpus) ?? BENCH_DEFAULTS.gpus;
  const baseUrl =
    flags.baseUrl ??
    (spec.preset === 'openai' ? io.env.OPENAI_BASE_URL : undefined) ??
    findOpenAIPreset(spec.preset)?.baseUrl ??
    'https://api.openai.com/v1';
  const apiKey = readProviderKey(io, keyVariablesFor(spec));
  checkBaseUrl(baseUrl, { location: '--base-url' });
  const prompts = await promptSource(flags, io, { inputTokens, outputTokens, endpoint });

  const maxConcurrency = Math.max(
    ...loads.map((load) => (load.type === 'concurrency' ? load.concurrency : 1)),
  );
  const clock = systemLoadClock();
  const client = createStreamingClient({
    baseUrl,
    modelId: spec.modelId,
    ...(apiKey ? { apiKey } : {}),
    endpoint,
    maxSockets: loads[0]?.type === 'concurrency' ? maxConcurrency : Number.POSITIVE_INFINITY,
    now: clock.now,
    timeoutMs,
  });
  const config: RunConfig = {
    modelSpec: flags.model,
    model: { provider: spec.preset, endpoint: displayUrl(baseUrl), modelId: spec.modelId },
    benchmark: flags.promptsFrom ?? 'synthetic',
    protocol: loads[0]?.type === 'concurrency' ? 'bench.concurrency' : 'bench.request-rate',
    protocolVersion: 1,
    ...(requestsPerStep === undefined ? {} : { limit: requestsPerStep }),
    concurrency: maxConcurrency,
    timeoutMs,
    maxRetries: 0,
  };
  const store = openRunStore(io, { store: flags.store });
  const owner = currentOwner(io);
  const runId = store.createRun({
    kind: 'bench',
    config,
    totalItems: loads.length,
    createdAt: io.now().toISOString(),
    ...(owner ? { owner } : {}),
  });
  const stopHeartbeat = startHeartbeat(io, store, runId);
  io.stderr(
    `run ${runId}: bench ${flags.model} at ${displayUrl(baseUrl)}, ${loads.length} steps (${loads.map(benchLoadLabel).join(', ')})\n`,
  );
  let settings: BenchSettings = {
    endpoint,
    inputTokens,
    outputTokens,
    ...(flags.promptsFrom ? { promptsFrom: flags.promptsFrom } : {}),
    ignoreEos: flags.ignoreEos,
    seed,
    ...(requestsPerStep === undefined ? {} : { requestsPerStep }),
    ...(durationMs === undefined ? {} : { durationPerStepS: durationMs / 1000 }),
    warmupRequests,
    ...(slo ? { slo } : {}),
    ...(hardware ? { hardware } : {}),
  };
  try {
    const stepProgress = createBenchStepProgress({
      io,
      totalSteps: loads.length,
      ...(durationMs === undefined ? {} : { durationMs }),
    });
    const result = await runSweep({
      client,
      loads,
      buildRequest: prompts.build,
      ignoreEos: flags.ignoreEos,
      ...(durationMs === undefined
        ? { requestsPerStep: (load: BenchLoad) => requestsPerStep ?? defaultRequestsPerStep(load) }
        : { durationPerStepMs: durationMs }),
      warmupRequests,
      ...(slo ? { slo } : {}),
      ...(gpuHourlyUsd === undefined ? {} : { cost: { gpuHourlyUsd, gpus } }),
      earlyStop: flags.earlyStop,
      seed,
      clock,
      ...(io.signal ? { signal: io.signal } : {}),
      onEvent: (event) => {
        if (event.type === 'warmup-end') settings = { ...settings, ignoreEos: event.ignoreEos };
        if (event.type === 'step-end') {
          const step = {
            stepIndex: event.step.stepIndex,
            metrics: event.step.metrics,
            requests: event.step.samples,
            settings,
          };
          store.recordItem(runId, benchStepItemRecord({ runId, step, request: prompts.example }), {
            updatedAt: io.now().toISOString(),
          });
        }
        if (event.type === 'step-start') stepProgress.start(event.stepIndex, benchLoadLabel(event.load));
        if (event.type === 'step-progress') stepProgress.update(event);
        if (event.type === 'step-end' || event.type === 'sweep-stop') stepProgress.end();
        const line = progressLine(event, loads.length);
        if (line) io.stderr(line);
      },
    });
    store.setStatus(runId, result.cancelled ? 'interrupted' : 'completed', {
      updatedAt: io.now().toISOString(),
    });
    const metrics = result.steps.map((step) => step.metrics);
    const json = result.steps.map((step) => ({
      run_id: runId,
      model: flags.model,
      step: step.stepIndex,
      ...benchStepJson(step.metrics),
    }));
    // --json: stdout carries the JSON only; the table and the run line are left out.
    if (flags.json === true) io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    else if (metrics.length > 0) io.stdout(`${formatBenchTable(metrics)}\n`);
    const lengthWarning = outputLengthWarning({ requestedTokens: outputTokens, steps: metrics });
    if (lengthWarning) io.stderr(`${lengthWarning}\n`);
    if (flags.json !== true) {
      io.stdout(`run ${runId}: bench ${config.protocol}, ${metrics.length}/${loads.length} steps\n`);
    }
    if (typeof flags.json === 'string') {
      await writeFile(resolve(io.cwd, flags.json), `${JSON.stringify(json, null, 2)}\n`);
    }
    if (result.cancelled) {
      io.stderr(
        'interrupted: the finished steps are stored; a bench run is not resumable, start a new one\n',
      );
      return 3;
    }
    return 0;
  } catch (error) {
    store.setStatus(runId, 'failed', { updatedAt: io.now().toISOString() });
    throw error;
  } finally {
    stopHeartbeat();
    client.close();
    store.close();
  }
}
