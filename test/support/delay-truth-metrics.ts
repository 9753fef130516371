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
 * The `--json` object of a step computed from what the server recorded: the same metric code applied to the
 * truth, with the duration from the first arrival to the last response's end.
 */
export function truthStepJson(options: {
  truths: readonly DelayTruth[];
  load: BenchLoad;
  slo?: BenchSlo;
  cost?: { gpuHourlyUsd: number; gpus: number };
}): Record<string, number | null> {
  const startMs = Math.min(...options.truths.map((truth) => truth.receivedMs));
  const endMs = Math.max(...options.truths.map((truth) => truth.endMs));
  return benchStepJson(
    stepMetrics({
      load: options.load,
      samples: options.truths.map((truth) => truthSample(truth, startMs)),
      durationMs: endMs - startMs,
      ...(options.slo ? { slo: options.slo } : {}),
      ...(options.cost ? { cost: options.cost } : {}),
    }),
  );
}
