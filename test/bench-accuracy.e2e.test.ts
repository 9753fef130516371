import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchLoad } from '../src/spec/index.ts';
import {
  benchStepAgainstTruth,
  COST,
  delayServerOptions,
  OUTPUT_TOKENS,
  SLO,
} from './support/bench-against-truth.ts';
import { truthStepJson } from './support/delay-truth-metrics.ts';
import { measureClientOverhead } from './support/measure-client-overhead.ts';
import { spawnDelayServer, type SpawnedDelayServer } from './support/spawn-delay-server.ts';

// `parity bench` against a server that injects known delays and records, on its own clock, when it received
// each request and wrote each token. These tests check what holds however loaded the machine is — a busy
// machine only ever delays the client's timestamps:
// - every request's client-measured TTFT and end-to-end latency is at least the server's (the client sends
//   before the server receives, and reads after the server writes), so each mean and quantile is too;
// - the client's step lasts at least as long as the server's, so its throughputs are at most the server's;
// - identities of the definitions: e2e = TTFT + (n − 1)·TPOT per request, mean ITL = mean TPOT when every request
//   has n tokens, output throughput = n · request throughput, quantiles in order, goodput ≤ throughput, cost =
//   GPU price ÷ output throughput.
// How close the figures come to the server's (2% at concurrency 1, 16, 64; 5% under Poisson arrivals) is a
// benchmark: `npm run bench` (bench/bench-accuracy.ts).

/** Clock granularity and rounding between the two processes' timestamps, in milliseconds. */
const CLOCK_SLACK_MS = 0.5;

function numeric(step: Record<string, unknown>, name: string): number {
  const value = step[name];
  if (typeof value !== 'number') throw new Error(`${name} is ${String(value)}, not a number`);
  return value;
}

/** Every invariant the step breaks, as readable lines (empty when it keeps them all). */
function brokenInvariants(
  step: Record<string, unknown>,
  truth: Record<string, number | null>,
  requests: number,
): string[] {
  const problems: string[] = [];
  const check = (holds: boolean, what: string): void => {
    if (!holds) problems.push(what);
  };
  for (const metric of ['ttft', 'e2el']) {
    for (const stat of ['mean', 'median', 'p90', 'p95', 'p99']) {
      const name = `${stat}_${metric}_ms`;
      const expected = truth[name];
      if (typeof expected !== 'number') continue;
      check(
        numeric(step, name) >= expected - CLOCK_SLACK_MS,
        `${name} ${numeric(step, name)} is below the server's ${expected}`,
      );
    }
  }
  for (const name of ['request_throughput', 'output_throughput']) {
    const expected = truth[name];
    if (typeof expected !== 'number') continue;
    check(
      numeric(step, name) <= expected * 1.001,
      `${name} ${numeric(step, name)} is above the server's ${expected}`,
    );
  }
  for (const metric of ['ttft', 'tpot', 'itl', 'e2el']) {
    const quantiles = ['p50', 'p90', 'p95', 'p99'].map((stat) => numeric(step, `${stat}_${metric}_ms`));
    check(
      quantiles.every((value, index) => index === 0 || value >= (quantiles[index - 1] as number)),
      `${metric} quantiles out of order: ${quantiles.join(', ')}`,
    );
    check(
      numeric(step, `median_${metric}_ms`) === numeric(step, `p50_${metric}_ms`),
      `median ≠ p50 for ${metric}`,
    );
  }
  const close = (left: number, right: number): boolean =>
    Math.abs(left - right) <= 1e-6 * Math.max(1, Math.abs(right));
  check(
    close(
      numeric(step, 'mean_e2el_ms'),
      numeric(step, 'mean_ttft_ms') + (OUTPUT_TOKENS - 1) * numeric(step, 'mean_tpot_ms'),
    ),
    'mean e2e ≠ mean TTFT + (n − 1) · mean TPOT',
  );
  check(close(numeric(step, 'mean_itl_ms'), numeric(step, 'mean_tpot_ms')), 'mean ITL ≠ mean TPOT');
  check(
    close(numeric(step, 'output_throughput'), OUTPUT_TOKENS * numeric(step, 'request_throughput')),
    'output throughput ≠ n · request throughput',
  );
  check(
    close(numeric(step, 'request_throughput'), requests / numeric(step, 'duration')),
    'request throughput ≠ completed / duration',
  );
  check(
    numeric(step, 'request_goodput') <= numeric(step, 'request_throughput') + 1e-9,
    'goodput above throughput',
  );
  check(
    close(
      numeric(step, 'cost_per_million_output_tokens_usd'),
      ((COST.gpuHourlyUsd * COST.gpus) / (numeric(step, 'output_throughput') * 3600)) * 1e6,
    ),
    'cost per million output tokens ≠ GPU price ÷ output throughput',
  );
  return problems;
}

describe('parity bench against a server that records its own timings', () => {
  let directory: string;
  let server: SpawnedDelayServer;
  let seen = 0;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-bench-accuracy-'));
    server = await spawnDelayServer(delayServerOptions);
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  async function step(loadFlags: string[], requests: number, load: BenchLoad) {
    const result = await benchStepAgainstTruth({ server, directory, loadFlags, requests, seen });
    seen += requests + 1;
    expect(result.code, result.stderr).toBe(0);
    const truth = truthStepJson({ truths: result.truths, load, slo: SLO, cost: COST });
    return { ...result, truth };
  }

  it.each([
    [1, 20],
    [16, 48],
    [64, 128],
  ])(
    'closed loop at concurrency %i (%i requests): counts exact, every invariant kept',
    async (concurrency, requests) => {
      const {
        step: reported,
        truth,
        truths,
        stdout,
      } = await step(['--concurrency', String(concurrency)], requests, { type: 'concurrency', concurrency });
      expect(truths).toHaveLength(requests);
      expect(reported).toMatchObject({
        concurrency,
        completed: requests,
        failed: 0,
        total_output_tokens: requests * OUTPUT_TOKENS,
      });
      expect(brokenInvariants(reported, truth, requests)).toEqual([]);
      expect(stdout).toMatch(/c=\d+\s+TTFT/);
    },
  );

  it('open loop with Poisson arrivals: counts exact, every invariant kept, requests overlap', async () => {
    const requests = 80;
    const {
      step: reported,
      truth,
      truths,
    } = await step(['--request-rate', '25'], requests, {
      type: 'request-rate',
      requestRate: 25,
      burstiness: 1,
    });
    expect(truths).toHaveLength(requests);
    expect(reported).toMatchObject({ request_rate: 25, burstiness: 1, completed: requests, failed: 0 });
    expect(brokenInvariants(reported, truth, requests)).toEqual([]);
    // Open loop: arrivals follow the schedule, not the responses — requests are in flight together (a closed
    // loop at concurrency 1 would have none overlapping: each takes ≥ 420 ms, the mean gap is 40 ms).
    const overlapping = truths.filter(
      (truth, index) => index > 0 && truth.receivedMs < (truths[index - 1]?.endMs ?? 0),
    );
    expect(overlapping.length).toBeGreaterThan(requests / 2);
  });
});

// What the load generator adds to TTFT at concurrency 1 (client TTFT minus the server's own): never negative.
// Its size (target < 1 ms at p50) is a benchmark figure: `npm run bench`.
describe('load generator overhead on TTFT', () => {
  let server: SpawnedDelayServer;
  beforeAll(async () => {
    server = await spawnDelayServer({ ttftMs: 0, perTokenMs: 0 });
  });
  afterAll(async () => server?.stop());

  it('is measured for every request and never negative', async () => {
    const { addedMs } = await measureClientOverhead({ server, requests: 200 });
    expect(addedMs).toHaveLength(200);
    expect(addedMs.filter((value) => !Number.isFinite(value) || value < -CLOCK_SLACK_MS)).toEqual([]);
  });
});
