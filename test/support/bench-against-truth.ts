import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIo } from './capture-io.ts';
import type { DelayTruth } from './delay-server.ts';
import type { SpawnedDelayServer } from './spawn-delay-server.ts';

export const OUTPUT_TOKENS = 12;
export const SLO = { ttftMs: 280, tpotMs: 25 };
export const COST = { gpuHourlyUsd: 2.5, gpus: 2 };

/** The delay server `parity bench` is checked against (TTFT 200 ms, 320 ms for a seeded 30%; 20 ms per token). */
export const delayServerOptions = {
  ttftMs: 200,
  perTokenMs: 20,
  ttftJitterMs: 8,
  tokenJitterMs: 3,
  slowFraction: 0.3,
  slowTtftMs: 320,
  seed: 11,
} as const;

export interface BenchStepAgainstTruth {
  readonly code: number;
  readonly stderr: string;
  readonly stdout: string;
  /** The step as `parity bench --json` wrote it. */
  readonly step: Record<string, unknown>;
  /** What the server recorded for the measured requests (the warm-up request left out), in arrival order. */
  readonly truths: DelayTruth[];
}

/**
 * Runs `parity bench` (in-process) for one step against the delay server, and returns its --json step with the
 * server's record of the same requests. `seen` is how many requests the server recorded before this step.
 */
export async function benchStepAgainstTruth(options: {
  server: SpawnedDelayServer;
  directory: string;
  loadFlags: readonly string[];
  requests: number;
  seen: number;
}): Promise<BenchStepAgainstTruth> {
  const jsonFile = join(options.directory, `step-${options.seen}.json`);
  const io = captureIo({ cwd: options.directory });
  const code = await main(
    [
      'bench',
      '--model',
      'openai:delay-model',
      '--base-url',
      options.server.url,
      ...options.loadFlags,
      '--input-tokens',
      '16',
      '--output-tokens',
      String(OUTPUT_TOKENS),
      '--requests',
      String(options.requests),
      '--warmup',
      '1',
      '--slo',
      `ttft=${SLO.ttftMs},tpot=${SLO.tpotMs}`,
      '--gpu-hourly',
      String(COST.gpuHourlyUsd),
      '--gpus',
      String(COST.gpus),
      '--store',
      join(options.directory, 'parity.db'),
      '--json',
      jsonFile,
    ],
    io,
  );
  const truths = (await options.server.truths())
    .slice(options.seen)
    .sort((a, b) => a.receivedMs - b.receivedMs)
    .slice(1);
  const steps = code === 0 ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, unknown>[]) : [];
  return { code, stderr: io.output.stderr, stdout: io.output.stdout, step: steps[0] ?? {}, truths };
}
