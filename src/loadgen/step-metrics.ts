import type {
  BenchLoad,
  BenchRequestSample,
  BenchSlo,
  BenchStepCost,
  BenchStepMetrics,
} from '../spec/index.ts';
import { latencyStats } from '../stats/latency-stats.ts';
import type { RequestOutcome } from './streaming-client.ts';

/** GPU rental that prices a step's throughput. */
export interface GpuCost {
  readonly gpuHourlyUsd: number;
  readonly gpus: number;
}

/** A client outcome as a stored sample: times relative to the step start and to the request's send. */
export function requestSample(outcome: RequestOutcome, stepStartMs: number): BenchRequestSample {
  const chunks = outcome.textChunkTimesMs;
  const first = chunks[0];
  const last = chunks.at(-1);
  const itlMs: number[] = [];
  for (let index = 1; index < chunks.length; index++) {
    itlMs.push((chunks[index] as number) - (chunks[index - 1] as number));
  }
  const inputTokens = outcome.promptTokens ?? outcome.expectedInputTokens;
  const outputTokens = outcome.completionTokens ?? (chunks.length > 0 ? chunks.length : undefined);
  return {
    startMs: outcome.startMs - stepStartMs,
    status: outcome.error ? 'error' : 'ok',
    ...(first === undefined ? {} : { ttftMs: first - outcome.startMs }),
    ...(outcome.firstChoiceMs === undefined
      ? {}
      : { ttftFirstChunkMs: outcome.firstChoiceMs - outcome.startMs }),
    ...(outcome.firstReasoningMs === undefined
      ? {}
      : { ttftReasoningMs: outcome.firstReasoningMs - outcome.startMs }),
    ...(outcome.firstContentMs === undefined
      ? {}
      : { ttftContentMs: outcome.firstContentMs - outcome.startMs }),
    ...(last === undefined ? {} : { e2elMs: last - outcome.startMs }),
    itlMs,
    ...(inputTokens === undefined ? {} : { inputTokens }),
    ...(outputTokens === undefined ? {} : { outputTokens }),
    ...(outputTokens === undefined ? {} : { outputTokensFromServer: outcome.completionTokens !== undefined }),
    ...(outcome.error ? { error: outcome.error.message } : {}),
  };
}

/** (e2el − TTFT) / (output tokens − 1); undefined for fewer than two output tokens (vLLM counts 0 for goodput). */
export function timePerOutputTokenMs(sample: BenchRequestSample): number | undefined {
  if (sample.ttftMs === undefined || sample.e2elMs === undefined) return undefined;
  if (sample.outputTokens === undefined || sample.outputTokens < 2) return undefined;
  return (sample.e2elMs - sample.ttftMs) / (sample.outputTokens - 1);
}

function meetsSlo(sample: BenchRequestSample, slo: BenchSlo): boolean {
  if (slo.ttftMs !== undefined && !((sample.ttftMs ?? Infinity) <= slo.ttftMs)) return false;
  if (slo.tpotMs !== undefined && !((timePerOutputTokenMs(sample) ?? 0) <= slo.tpotMs)) return false;
  if (slo.e2elMs !== undefined && !((sample.e2elMs ?? Infinity) <= slo.e2elMs)) return false;
  return true;
}

/**
 * vLLM `calculate_metrics`' peak figures over successful requests: text-chunk arrival times (send + TTFT, then
 * each ITL gap) counted in one-second buckets from the earliest send (`ceil(span) + 1` buckets), the largest
 * count; and the most requests in flight at once over half-open [send, send + e2el) intervals, an end before a
 * start at the same instant.
 */
export function peakFigures(samples: readonly BenchRequestSample[]): {
  maxOutputTokensPerS: number;
  maxConcurrentRequests: number;
} {
  const ok = samples.filter((sample) => sample.status === 'ok' && sample.e2elMs !== undefined);
  if (ok.length === 0) return { maxOutputTokensPerS: 0, maxConcurrentRequests: 0 };
  const minStart = Math.min(...ok.map((sample) => sample.startMs));
  const maxEnd = Math.max(...ok.map((sample) => sample.startMs + (sample.e2elMs ?? 0)));
  const buckets = new Array<number>(Math.ceil((maxEnd - minStart) / 1000) + 1).fill(0);
  const events: [number, number][] = [];
  for (const sample of ok) {
    // Stryker disable next-line ConditionalExpression: without a TTFT the token times are NaN, which the bucket check drops
    if (sample.ttftMs !== undefined) {
      let time = sample.startMs + sample.ttftMs;
      const times = [time];
      for (const gap of sample.itlMs) times.push((time += gap));
      for (const tokenTime of times) {
        const bucket = Math.floor((tokenTime - minStart) / 1000);
        // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: requestSample's chunk times lie in [send, send + e2el], always inside the buckets; the check guards against foreign samples
        if (bucket >= 0 && bucket < buckets.length) buckets[bucket] = (buckets[bucket] ?? 0) + 1;
      }
    }
    events.push([sample.startMs, 1], [sample.startMs + (sample.e2elMs ?? 0), -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return { maxOutputTokensPerS: Math.max(...buckets), maxConcurrentRequests: peak };
}

/** Cost per million tokens at `tokensPerSecond`: (hourly × GPUs) / (tokens per hour / 1e6). */
function usdPerMillion(cost: GpuCost, tokensPerSecond: number): number | undefined {
  if (!(tokensPerSecond > 0)) return undefined;
  return (cost.gpuHourlyUsd * cost.gpus) / ((tokensPerSecond * 3600) / 1e6);
}

/**
 * The metrics of one step (definitions in docs/bench.md). Failed requests count in `failed` and `errorRate`
 * only: they are left out of every latency statistic and of the token totals.
 */
export function stepMetrics(options: {
  load: BenchLoad;
  samples: readonly BenchRequestSample[];
  durationMs: number;
  slo?: BenchSlo;
  cost?: GpuCost;
}): BenchStepMetrics {
  const ok = options.samples.filter((sample) => sample.status === 'ok');
  const failed = options.samples.length - ok.length;
  const durationS = options.durationMs / 1000;
  const perSecond = (value: number): number => (durationS > 0 ? value / durationS : 0);
  let totalInputTokens = 0;
  let totalOutputTokens = 0;
  let outputTokensCounted = 0;
  const ttfts: number[] = [];
  const ttftsFirstChunk: number[] = [];
  const ttftsReasoning: number[] = [];
  const ttftsContent: number[] = [];
  const tpots: number[] = [];
  const itls: number[] = [];
  const e2els: number[] = [];
  for (const sample of ok) {
    totalInputTokens += sample.inputTokens ?? 0;
    totalOutputTokens += sample.outputTokens ?? 0;
    if (sample.outputTokensFromServer === false) outputTokensCounted += 1;
    if (sample.ttftMs !== undefined) ttfts.push(sample.ttftMs);
    if (sample.ttftFirstChunkMs !== undefined) ttftsFirstChunk.push(sample.ttftFirstChunkMs);
    if (sample.ttftReasoningMs !== undefined) ttftsReasoning.push(sample.ttftReasoningMs);
    if (sample.ttftContentMs !== undefined) ttftsContent.push(sample.ttftContentMs);
    if (sample.e2elMs !== undefined) e2els.push(sample.e2elMs);
    const tpot = timePerOutputTokenMs(sample);
    if (tpot !== undefined) tpots.push(tpot);
    for (const gap of sample.itlMs) itls.push(gap);
  }
  const outputThroughput = perSecond(totalOutputTokens);
  const totalTokenThroughput = perSecond(totalInputTokens + totalOutputTokens);
  const slo = options.slo;
  const hasSlo = slo !== undefined && Object.values(slo).some((value) => value !== undefined);
  let cost: BenchStepCost | undefined;
  if (options.cost) {
    const perOutput = usdPerMillion(options.cost, outputThroughput);
    const perTotal = usdPerMillion(options.cost, totalTokenThroughput);
    cost = {
      gpuHourlyUsd: options.cost.gpuHourlyUsd,
      gpus: options.cost.gpus,
      ...(perOutput === undefined ? {} : { usdPerMillionOutputTokens: perOutput }),
      ...(perTotal === undefined ? {} : { usdPerMillionTotalTokens: perTotal }),
    };
  }
  return {
    load: options.load,
    completed: ok.length,
    failed,
    errorRate: options.samples.length === 0 ? 0 : failed / options.samples.length,
    durationS,
    totalInputTokens,
    totalOutputTokens,
    requestThroughput: perSecond(ok.length),
    outputThroughput,
    totalTokenThroughput,
    ...(hasSlo && slo ? { goodput: perSecond(ok.filter((sample) => meetsSlo(sample, slo)).length) } : {}),
    ttft: latencyStats(ttfts),
    ttftFirstChunk: latencyStats(ttftsFirstChunk),
    ttftReasoning: latencyStats(ttftsReasoning),
    ttftContent: latencyStats(ttftsContent),
    tpot: latencyStats(tpots),
    itl: latencyStats(itls),
    e2el: latencyStats(e2els),
    outputTokensCounted,
    ...peakFigures(ok),
    ...(cost ? { cost } : {}),
  };
}
