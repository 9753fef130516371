// `npm run bench`, part 1: what users run. Whole `parity eval` processes (bin/parity.js, started as users start
// it) on the MMLU layout at real size (bench/mmlu-sized-data.ts), mmlu.gen.5shot at concurrency 16, against two
// local OpenAI-compatible servers in their own processes: one that honours `stop` and one that ignores it (parity
// then cuts the answer itself and drains the stream). For 1,000 items and for the full 14,042: items/s (items
// over the whole process's wall time, start-up included) and peak RSS, each beside the plain-HTTP baseline
// (bench/plain-http-client.mjs: the same number of streamed requests of the same size, same server, same
// concurrency) run just before it, so that the ratio holds on a machine whose load drifts. Figures only.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fullMmluItems, mmluSizedData } from './mmlu-sized-data.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CONCURRENCY = 16;
/** Pairs (baseline, parity) per configuration: the median is printed. */
const PAIRS_1000 = 3;
const PAIRS_FULL = 1;

interface Measured {
  readonly seconds: number;
  readonly maxRssMb: number;
  readonly code: number;
}

function startServer(stop: 'honour' | 'ignore'): Promise<{ url: string; close: () => void }> {
  const child = spawn(process.execPath, [join(ROOT, 'bench/instant-chat-server.mjs'), '--stop', stop], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveServer, reject) => {
    createInterface({ input: child.stdout }).once('line', (url) =>
      resolveServer({ url, close: () => child.kill('SIGTERM') }),
    );
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

/** Runs a Node script as its own process; wall time from spawn to exit, peak RSS from the process itself. */
function runNode(args: readonly string[], cwd: string): Promise<Measured> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', join(ROOT, 'bench/max-rss-hook.mjs'), ...args], {
      cwd,
      env: { ...process.env, HOME: cwd, OPENAI_API_KEY: 'bench' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', () => {
      const seconds = (performance.now() - started) / 1000;
      const last = stderr.trim().split('\n').at(-1) ?? '';
      try {
        const { max_rss_mb: maxRssMb, code } = JSON.parse(last) as { max_rss_mb: number; code: number };
        resolveRun({ seconds, maxRssMb, code });
      } catch (error) {
        reject(new Error(`no result line from ${args.join(' ')}: ${stderr.slice(-2000)}`, { cause: error }));
      }
    });
  });
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

/** ' (met)' or ' (NOT met)' after a figure and its target. */
const verdict = (met: boolean): string => (met ? ' (met)' : ' (NOT met)');
const load = (): string => `load ${(loadavg()[0] ?? 0).toFixed(1)}`;

// The bundle users run (bin/parity.js falls back to compiling the TypeScript sources when dist/ is older than
// them, which would measure the compiler): built fresh first.
const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
if (built.status !== 0) throw new Error(`npm run build failed (exit ${built.status})`);

const directory = mkdtempSync(join(tmpdir(), 'parity-bench-eval-'));
const servers = { ignore: await startServer('ignore'), honour: await startServer('honour') };
try {
  const data = mmluSizedData(directory);
  const parity = (url: string, items: number, store: string): string[] => [
    join(ROOT, 'bin/parity.js'),
    'eval',
    '--model',
    'openai:instant',
    '--base-url',
    url,
    '--bench',
    'mmlu',
    '--data-dir',
    data.dataDir,
    '--store',
    join(directory, store),
    '--concurrency',
    String(CONCURRENCY),
    '--limit',
    String(items),
  ];
  const baseline = (url: string, items: number): string[] => [
    join(ROOT, 'bench/plain-http-client.mjs'),
    url,
    String(items),
    String(CONCURRENCY),
  ];
  const loadBefore = loadavg()[0] ?? 0;
  console.log(
    `machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), node ${process.version}; load average ${loadBefore.toFixed(1)} at start`,
  );
  console.log(`eval throughput: ${data.source}, mmlu.gen.5shot, concurrency ${CONCURRENCY}, whole processes`);
  const versionRuns: Measured[] = [];
  const startRuns: Measured[] = [];
  for (let run = 0; run < 3; run += 1) {
    versionRuns.push(await runNode([join(ROOT, 'bin/parity.js'), '--version'], directory));
    rmSync(join(directory, 'start.db'), { force: true });
    startRuns.push(await runNode(parity(servers.ignore.url, 1, 'start.db'), directory));
  }
  console.log(
    `  start-up: 'parity --version' ${median(versionRuns.map((run) => run.seconds)).toFixed(2)} s, ${median(versionRuns.map((run) => run.maxRssMb)).toFixed(0)} MB; 'parity eval --limit 1' ${median(startRuns.map((run) => run.seconds)).toFixed(2)} s, ${median(startRuns.map((run) => run.maxRssMb)).toFixed(0)} MB`,
  );
  for (const items of [1000, fullMmluItems]) {
    for (const stop of ['ignore', 'honour'] as const) {
      const server = servers[stop];
      const pairs: { base: Measured; parity: Measured }[] = [];
      for (let pair = 0; pair < (items === 1000 ? PAIRS_1000 : PAIRS_FULL); pair += 1) {
        const base = await runNode(baseline(server.url, items), directory);
        const store = `eval-${items}-${stop}-${pair}.db`;
        const run = await runNode(parity(server.url, items, store), directory);
        rmSync(join(directory, store), { force: true });
        for (const suffix of ['-wal', '-shm']) rmSync(join(directory, `${store}${suffix}`), { force: true });
        pairs.push({ base, parity: run });
      }
      const rate = median(pairs.map((pair) => items / pair.parity.seconds));
      const baseRate = median(pairs.map((pair) => items / pair.base.seconds));
      const ratio = median(pairs.map((pair) => pair.base.seconds / pair.parity.seconds));
      const rss = median(pairs.map((pair) => pair.parity.maxRssMb));
      const baseRss = median(pairs.map((pair) => pair.base.maxRssMb));
      const target =
        items === 1000
          ? `target ≥ 2,000 items/s${verdict(rate >= 2000)}, ≤ 120 MB${verdict(rss <= 120)}`
          : `target ≤ 150 MB${verdict(rss <= 150)}`;
      const failed = pairs.some((pair) => pair.parity.code !== 0) ? '  (warning: eval exited non-zero)' : '';
      console.log(
        `  ${String(items).padStart(6)} items, server ${stop === 'ignore' ? 'ignores' : 'honours'} stop: parity ${rate.toFixed(0).padStart(5)} items/s, ${rss.toFixed(0)} MB | plain HTTP ${baseRate.toFixed(0).padStart(5)} requests/s, ${baseRss.toFixed(0)} MB | parity/baseline ${ratio.toFixed(2)} (median of ${pairs.length}; ${target}; ${load()})${failed}`,
      );
    }
  }
  console.log(
    `  load average ${(loadavg()[0] ?? 0).toFixed(1)} at the end (the CPU is shared: compare the ratios)`,
  );
} finally {
  servers.ignore.close();
  servers.honour.close();
  rmSync(directory, { recursive: true, force: true });
}
