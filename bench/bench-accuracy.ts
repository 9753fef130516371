// `node --import tsx bench/bench-accuracy.ts`: how close every figure of `parity bench --json` comes to the same
// figure computed from a local delay server's own record of each request (test/support/delay-server.ts: TTFT
// 200 ms, 320 ms for 30% of requests, 20 ms per token, jitter). Target: within 2% at concurrency 1, 16 and 64,
// within 5% under Poisson arrivals (standard deviations: 1 ms; ITL quantiles: 2% or 1 ms). Prints the largest
// relative error per step and every figure beyond the target; never fails (a loaded machine delays the client's
// timestamps). The test (test/bench-accuracy.e2e.test.ts) checks what holds on any machine instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchLoad } from '../src/spec/index.ts';
import { benchStepAgainstTruth, COST, delayServerOptions, SLO } from '../test/support/bench-against-truth.ts';
import { truthStepJson } from '../test/support/delay-truth-metrics.ts';
import { spawnDelayServer } from '../test/support/spawn-delay-server.ts';

function allowedError(name: string, expected: number, tolerance: number): number {
  if (name.startsWith('std_')) return 1;
  if (name.endsWith('_itl_ms')) return Math.max(tolerance * Math.abs(expected), 1);
  return tolerance * Math.abs(expected);
}

const directory = mkdtempSync(join(tmpdir(), 'parity-bench-accuracy-'));
const server = await spawnDelayServer(delayServerOptions);
let seen = 0;
const steps: { label: string; loadFlags: string[]; requests: number; load: BenchLoad; tolerance: number }[] =
  [
    {
      label: 'c=1',
      loadFlags: ['--concurrency', '1'],
      requests: 20,
      load: { type: 'concurrency', concurrency: 1 },
      tolerance: 0.02,
    },
    {
      label: 'c=16',
      loadFlags: ['--concurrency', '16'],
      requests: 48,
      load: { type: 'concurrency', concurrency: 16 },
      tolerance: 0.02,
    },
    {
      label: 'c=64',
      loadFlags: ['--concurrency', '64'],
      requests: 128,
      load: { type: 'concurrency', concurrency: 64 },
      tolerance: 0.02,
    },
    {
      label: 'rate=25 (Poisson)',
      loadFlags: ['--request-rate', '25'],
      requests: 80,
      load: { type: 'request-rate', requestRate: 25, burstiness: 1 },
      tolerance: 0.05,
    },
  ];
console.log('parity bench figures against the delay server’s own record (baseline: the server’s truth)');
try {
  for (const { label, loadFlags, requests, load, tolerance } of steps) {
    const result = await benchStepAgainstTruth({ server, directory, loadFlags, requests, seen });
    seen += requests + 1;
    if (result.code !== 0) {
      console.log(`  ${label}: parity bench exited with ${result.code}: ${result.stderr.trim()}`);
      continue;
    }
    const truth = truthStepJson({ truths: result.truths, load, slo: SLO, cost: COST });
    let worst = { name: '', relative: 0 };
    const beyond: string[] = [];
    for (const [name, expected] of Object.entries(truth)) {
      const actual = result.step[name];
      if (typeof expected !== 'number' || typeof actual !== 'number' || expected === 0) continue;
      const relative = Math.abs(actual - expected) / Math.abs(expected);
      if (!name.startsWith('std_') && relative > worst.relative) worst = { name, relative };
      if (Math.abs(actual - expected) > allowedError(name, expected, tolerance)) {
        beyond.push(`${name} ${actual.toFixed(3)} vs ${expected.toFixed(3)}`);
      }
    }
    console.log(
      `  ${label.padEnd(18)} largest error ${(worst.relative * 100).toFixed(2)}% (${worst.name}); target ${tolerance * 100}%: ${beyond.length === 0 ? 'met' : `missed by ${beyond.join(', ')}`}`,
    );
  }
} finally {
  await server.stop();
  rmSync(directory, { recursive: true, force: true });
}
