import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import type { BenchLoad } from '../src/spec/index.ts';
import { captureIo } from './support/capture-io.ts';
import type { DelayTruth } from './support/delay-server.ts';
import { truthStepJson } from './support/delay-truth-metrics.ts';
import { measureClientOverhead } from './support/measure-client-overhead.ts';
import { spawnDelayServer, type SpawnedDelayServer } from './support/spawn-delay-server.ts';

// `parity bench` against a server that injects known delays (TTFT 200 ms, or 320 ms for a seeded 30% of
// requests; 20 ms per token; jitter ±8 ms on TTFT and ±3 ms per token) and records when it really received
// each request and wrote each token. Every metric the client reports is compared with the same metric computed
// from the server's own record, which already contains any timer lateness of the loaded machine.
//
// The client's own timestamps can still be hit by the OS descheduling the test process (this machine is shared
// and often has a load average above its 2 cores): a step whose figures miss the tolerance is run again, up to
// 3 attempts. A systematic error (a wrong definition, a constant offset) fails every attempt; the strict
// client-overhead figure lives in `npm run bench`.
const ATTEMPTS = 3;

const OUTPUT_TOKENS = 12;
const SLO = { ttftMs: 280, tpotMs: 25 };
const COST = { gpuHourlyUsd: 2.5, gpus: 2 };

/** Relative difference of every numeric field both objects have, beyond `tolerance`. */
function mismatches(
  reported: Record<string, unknown>,
  truth: Record<string, number | null>,
  tolerance: number,
): string[] {
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(truth)) {
    const actual = reported[name];
    if (expected === null || typeof actual !== 'number') {
      if (actual !== expected)
        problems.push(`${name}: reported ${String(actual)}, truth ${String(expected)}`);
      continue;
    }
    // Standard deviations measure spread, not a quantity the server injected: they are compared in absolute
    // milliseconds (1 ms). Single inter-token gaps are ~20 ms, so 2% is 0.4 ms, below the ~1 ms by which a
    // process on this loaded shared machine can be late to read a chunk; ITL quantiles therefore get
    // max(2%, 1 ms). Every other figure (TTFT, TPOT, e2e, throughputs, goodput, cost) is held to the tolerance.
    const allowed = name.startsWith('std_')
      ? 1
      : name.endsWith('_itl_ms')
        ? Math.max(tolerance * Math.abs(expected), 1)
        : tolerance * Math.abs(expected);
    const tooFar = Math.abs(actual - expected) > allowed;
    if (tooFar) problems.push(`${name}: reported ${actual.toFixed(3)}, truth ${expected.toFixed(3)}`);
  }
  return problems;
}

describe('parity bench reports the delays a local server injects', () => {
  let directory: string;
  let server: SpawnedDelayServer;
  let seen = 0;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-bench-accuracy-'));
    server = await spawnDelayServer({
      ttftMs: 200,
      perTokenMs: 20,
      ttftJitterMs: 8,
      tokenJitterMs: 3,
      slowFraction: 0.3,
      slowTtftMs: 320,
      seed: 11,
    });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Runs one single-step sweep and returns its --json step and the server's truth for the measured requests. */
  async function benchStep(
    loadFlags: string[],
    requests: number,
  ): Promise<{ step: Record<string, unknown>; truths: DelayTruth[]; stdout: string }> {
    const jsonFile = join(directory, `step-${seen}.json`);
    const io = captureIo({ cwd: directory });
    const code = await main(
      [
        'bench',
        '--model',
        'openai:delay-model',
        '--base-url',
        server.url,
        ...loadFlags,
        '--input-tokens',
        '16',
        '--output-tokens',
        String(OUTPUT_TOKENS),
        '--requests',
        String(requests),
        '--warmup',
        '1',
        '--slo',
        `ttft=${SLO.ttftMs},tpot=${SLO.tpotMs}`,
        '--gpu-hourly',
        String(COST.gpuHourlyUsd),
        '--gpus',
        String(COST.gpus),
        '--store',
        join(directory, 'parity.db'),
        '--json',
        jsonFile,
      ],
      io,
    );
    expect(code, io.output.stderr).toBe(0);
    const all = await server.truths();
    // This run's requests, in arrival order, without the warm-up request.
    const truths = all
      .slice(seen)
      .sort((a, b) => a.receivedMs - b.receivedMs)
      .slice(1);
    seen = all.length;
    const steps = JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, unknown>[];
    expect(steps).toHaveLength(1);
    return { step: steps[0] as Record<string, unknown>, truths, stdout: io.output.stdout };
  }

  /** Runs the step until its figures match the truth (at most ATTEMPTS times); returns the last attempt. */
  async function matchingStep(
    loadFlags: string[],
    requests: number,
    load: BenchLoad,
    tolerance: number,
  ): Promise<{ step: Record<string, unknown>; truths: DelayTruth[]; stdout: string; problems: string[] }> {
    let problems: string[] = [];
    for (let attempt = 1; ; attempt++) {
      const result = await benchStep(loadFlags, requests);
      problems = mismatches(
        result.step,
        truthStepJson({ truths: result.truths, load, slo: SLO, cost: COST }),
        tolerance,
      );
      if (problems.length === 0 || attempt === ATTEMPTS) return { ...result, problems };
      console.warn(
        `attempt ${attempt} of ${loadFlags.join(' ')} missed the truth, running it again:\n  ${problems.join('\n  ')}`,
      );
    }
  }

  it.each([
    [1, 20],
    [16, 48],
    [64, 128],
  ])(
    'closed loop at concurrency %i (%i requests): every metric within 2 percent of the truth',
    async (concurrency, requests) => {
      const load: BenchLoad = { type: 'concurrency', concurrency };
      const { step, truths, stdout, problems } = await matchingStep(
        ['--concurrency', String(concurrency)],
        requests,
        load,
        0.02,
      );
      expect(problems).toEqual([]);
      expect(truths).toHaveLength(requests);
      expect(step).toMatchObject({
        concurrency,
        completed: requests,
        failed: 0,
        total_output_tokens: requests * OUTPUT_TOKENS,
      });
      // The injected delays themselves (sanity: the server kept its schedule).
      expect(step.median_tpot_ms).toBeGreaterThan(19);
      expect(step.median_tpot_ms).toBeLessThan(21.5);
      expect(stdout).toMatch(/c=\d+\s+TTFT/);
    },
  );

  it('open loop with Poisson arrivals: every metric within 5% of the truth, arrivals on schedule', async () => {
    const requests = 80;
    const load: BenchLoad = { type: 'request-rate', requestRate: 25, burstiness: 1 };
    const { step, truths, problems } = await matchingStep(['--request-rate', '25'], requests, load, 0.05);
    expect(problems).toEqual([]);
    expect(truths).toHaveLength(requests);
    expect(step).toMatchObject({ request_rate: 25, burstiness: 1, completed: requests, failed: 0 });
    // Open loop: the mean gap between arrivals at the server is near 1/rate (40 ms; loose: 80 draws).
    const spanMs = (truths.at(-1)?.receivedMs ?? 0) - (truths[0]?.receivedMs ?? 0);
    expect(spanMs / (requests - 1)).toBeGreaterThan(25);
    expect(spanMs / (requests - 1)).toBeLessThan(60);
  });
});

// What the load generator adds to TTFT at concurrency 1: its client-measured TTFT minus the server's own time
// from receiving the request to writing the first token, on loopback. The target is < 1 ms at p50; `npm run
// bench` prints that figure. Here the bound is 3 ms, because this shared 2-core machine is often loaded by
// other work, which delays the client's timestamps without any fault of the client.
describe('load generator overhead on TTFT', () => {
  let server: SpawnedDelayServer;
  beforeAll(async () => {
    server = await spawnDelayServer({ ttftMs: 0, perTokenMs: 0 });
  });
  afterAll(async () => server?.stop());

  it('adds little to TTFT at p50 (strict < 1 ms figure in npm run bench)', async () => {
    const { addedMs, p50Ms, p90Ms } = await measureClientOverhead({ server, requests: 200 });
    console.info(`client overhead on TTFT: p50 ${p50Ms.toFixed(3)} ms, p90 ${p90Ms.toFixed(3)} ms`);
    expect(addedMs).toHaveLength(200);
    expect(addedMs.every((value) => Number.isFinite(value) && value >= 0)).toBe(true);
    expect(p50Ms).toBeLessThan(3);
  });
});
