// `npm run bench`: figures and ratios against baselines measured in the same run. Never fails a build.
//
// 1. eval throughput: `parity eval` of 1,000 MMLU items (mmlu.gen.5shot, 5-shot prompts) at concurrency 16
//    against an instant OpenAI-compatible server in another process; items/s and peak RSS of the CLI process
//    (bin/parity.js, started as users start it).
//    Baseline: plain `fetch` streaming requests of the same size against the same server at the same
//    concurrency (what the HTTP path alone allows on this machine).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { writeSyntheticMmlu } from '../test/support/synthetic-datasets.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ITEMS = 1000;
const CONCURRENCY = 16;

async function startInstantServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/support/instant-server-main.ts')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolveUrl, reject) => {
    lines.once('line', resolveUrl);
    child.once('exit', (code) => reject(new Error(`instant server exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function baselineFetch(url: string, body: string, requests: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < requests) {
      next += 1;
      const response = await fetch(`${url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
        body,
      });
      await response.text();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return requests / ((performance.now() - started) / 1000);
}

/** Runs `bin/parity.js` as users do; returns its wall time (from spawn to exit) and peak RSS. */
function runCli(args: string[], cwd: string): Promise<{ code: number; seconds: number; max_rss_mb: number }> {
  return new Promise((resolveResult, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', join(ROOT, 'bench/max-rss-hook.mjs'), join(ROOT, 'bin/parity.js'), ...args],
      { cwd, env: { ...process.env, HOME: cwd }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', () => {
      const seconds = (performance.now() - started) / 1000;
      const last = stderr.trim().split('\n').at(-1) ?? '';
      try {
        resolveResult({ ...(JSON.parse(last) as { code: number; max_rss_mb: number }), seconds });
      } catch (error) {
        reject(new Error(`parity printed no result: ${stderr}`, { cause: error }));
      }
    });
  });
}

const directory = mkdtempSync(join(tmpdir(), 'parity-bench-'));
const server = await startInstantServer();
try {
  writeSyntheticMmlu(join(directory, 'data'), { subjects: 20, rowsPerSubject: ITEMS / 20 });
  const body = JSON.stringify({
    model: 'bench',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'x'.repeat(3000) }],
    max_tokens: 10,
  });
  await baselineFetch(server.url, body, 200); // warm-up
  const baselineRate = await baselineFetch(server.url, body, 2000);
  const evalArgs = (store: string): string[] => [
    'eval',
    '--model',
    'openai:bench',
    '--base-url',
    server.url,
    '--bench',
    'mmlu',
    '--data-dir',
    join(directory, 'data'),
    '--store',
    join(directory, store),
    '--concurrency',
    String(CONCURRENCY),
    '--limit',
    String(ITEMS),
  ];
  const startup = await runCli(['runs', '--store', join(directory, 'startup.db')], directory);
  const cold = await runCli(evalArgs('cold.db'), directory);
  const cached = await runCli(evalArgs('cold.db'), directory);
  const coldRate = ITEMS / (cold.seconds - startup.seconds);
  const cachedRate = ITEMS / (cached.seconds - startup.seconds);
  console.log(`machine: ${availableParallelism()} cores, node ${process.version}`);
  console.log(
    `eval throughput (${ITEMS} MMLU items, mmlu.gen.5shot, concurrency ${CONCURRENCY}, instant local server)`,
  );
  console.log(`  baseline: plain fetch, same server      ${baselineRate.toFixed(0).padStart(6)} requests/s`);
  console.log(
    `  parity eval, every item requested       ${coldRate.toFixed(0).padStart(6)} items/s  (${(coldRate / baselineRate).toFixed(2)}× baseline; target ≥ 1000)   peak RSS ${cold.max_rss_mb.toFixed(0)} MB (target ≤ 150)`,
  );
  console.log(
    `  parity eval, repeated (all cache hits)  ${cachedRate.toFixed(0).padStart(6)} items/s  (${(cachedRate / baselineRate).toFixed(2)}× baseline)   peak RSS ${cached.max_rss_mb.toFixed(0)} MB`,
  );
  console.log(
    `  (items/s = ${ITEMS} / (eval wall time − wall time of 'parity runs', ${startup.seconds.toFixed(2)} s, i.e. without process start-up); start-up alone peaks at ${startup.max_rss_mb.toFixed(0)} MB)`,
  );
  const fresh = existsSync(join(ROOT, 'dist/main.mjs'));
  console.log(
    `  CLI: ${fresh ? 'dist/main.mjs if newer than src/, else the sources through tsx' : 'the sources through tsx (npm run build makes the bundle)'}`,
  );
  if (cold.code !== 0 || cached.code !== 0)
    console.log(`  warning: eval exited with ${cold.code}/${cached.code}`);
} finally {
  server.stop();
  rmSync(directory, { recursive: true, force: true });
}

// Sandbox overhead of code benchmarks (HumanEval canonical solutions, sandboxed vs not).
await import('./sandbox-overhead.ts');

// `parity bench` load generator: client overhead on TTFT and request rate against autocannon.
await import('./loadgen-vs-autocannon.ts');

// The serving model's error on every published throughput measurement in the catalog (docs/cost.md).
console.log('\nserving model vs published measurements (src/cost/serving-model.ts)');
await import('./serving-model-error.ts');

// Run store: an item record written alone against the group commit that `parity eval` uses.
await import('./store-writes.ts');

// `parity bench` figures against a delay server's own record (the strict 2% accuracy target).
await import('./bench-accuracy.ts');

// Rate limits: refusals and efficiency with the learned request rate, beside adaptive control off.
console.log('');
await import('./rate-limit-learning.ts');

// Adaptive concurrency: how close the limit settles to a server's capacity (timing-dependent, so a benchmark).
await import('./adaptive-concurrency.ts');
