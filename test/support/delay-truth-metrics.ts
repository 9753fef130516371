import { stepMetrics } from '../../src/loadgen/step-metrics.ts';
import { benchStepJson } from '../../src/report/bench-step-json.ts';
import type { BenchLoad, BenchRequestSample, BenchSlo } from '../../src/spec/index.ts';
import type { DelayTruth } from './delay-server.ts';

/** The sample the server's own record implies for one request (server clock, arrival as the send time). */
export function truthSample(truth: DelayTruth, stepStartMs: number): BenchRequestSample {
  const tokens = truth.tokenWrittenMs;
  const itlMs = tokens.slice(1).map((time, index) => time - (tokens[index] as number));
  if (truth.status !== 200) return { startMs: truth.receivedMs - stepStartMs, status: 'error', itlMs: [] };
  return {
    startMs: truth.receivedMs - stepStartMs,
    status: 'ok',
    ttftMs: (tokens[0] as number) - truth.receivedMs,
    e2elMs: (tokens.at(-1) as number) - truth.receivedMs,
    itlMs,
    inputTokens: truth.promptTokens,
    outputTokens: tokens.length,
    outputTokensFromServer: true,
  };
}

/**
 * Fields the server's record cannot give: vLLM's TTFT boundary (the first chunk with choices, which the server
 * does not time), the peak figures (whole-second bucket counts and in-flight counts, which move by one when a
 * timestamp crosses a bucket edge or two intervals touch: no relative tolerance fits them; they have unit tests
 * in src/loadgen/step-metrics.test.ts), and "inf" (not a number).
 */
const notFromTruth = /_ttft_first_chunk_ms$|^max_output_tokens_per_s$|^max_concurrent_requests$/;

/**
 * The `--json` object of a step computed from what the server recorded: the same metric code applied to the
 * truth, with the duration from the first arrival to the last response's end (numeric fields it can give only).
 */
export function truthStepJson(options: {
  truths: readonly DelayTruth[];
  load: BenchLoad;
  slo?: BenchSlo;
  cost?: { gpuHourlyUsd: number; gpus: number };
}): Record<string, number | null> {
  const startMs = Math.min(...options.truths.map((truth) => truth.receivedMs));
  const endMs = Math.max(...options.truths.map((truth) => truth.endMs));
  const json = benchStepJson(
    stepMetrics({
      load: options.load,
      samples: options.truths.map((truth) => truthSample(truth, startMs)),
      durationMs: endMs - startMs,
      ...(options.slo ? { slo: options.slo } : {}),
      ...(options.cost ? { cost: options.cost } : {}),
    }),
  );
  const truth: Record<string, number | null> = {};
  for (const [name, value] of Object.entries(json)) {
    if (typeof value !== 'string' && !notFromTruth.test(name)) truth[name] = value;
  }
  return truth;
}
