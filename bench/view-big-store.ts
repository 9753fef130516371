// `npm run bench`, `parity view` on a big store: four 14,042-item MMLU runs (mmlu.gen.5shot prompts from the data
// of bench/mmlu-sized-data.ts, responses of the size `parity eval` stores), served by a `parity view` process.
// Prints the first page of runs (GET /api/runs, cold) and of items, the view process's peak RSS, and polls of
// /api/runs every 250 ms while a fifth run is being written in batches, as `parity eval` writes it. Baseline:
// reading one of the runs whole through RunStore.getRun in this process (what the viewer did before, per run).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createDirectorySourceForTests } from '../src/benchmarks/directory-source-for-tests.ts';
import { mmluBenchmark } from '../src/benchmarks/mmlu/index.ts';
import { mmluGen5shot } from '../src/benchmarks/mmlu/mmlu-gen-5shot.ts';
import { runFingerprints } from '../src/datasets/item-fingerprint.ts';
import type { Item, ItemRecord, RunConfig } from '../src/spec/index.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import type { MmluData } from '../src/benchmarks/mmlu/index.ts';
import { fullMmluItems, mmluSizedData } from './mmlu-sized-data.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 4;
const directory = mkdtempSync(join(tmpdir(), 'parity-bench-view-'));
const storePath = join(directory, 'parity.db');

function config(modelId: string): RunConfig {
  return {
    modelSpec: `openai:${modelId}`,
    model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId },
    benchmark: 'mmlu',
    protocol: mmluGen5shot.id,
    protocolVersion: mmluGen5shot.version,
    concurrency: 16,
    timeoutMs: 60_000,
    maxRetries: 2,
  };
}

function record(item: Item<MmluData>, index: number, model: number): ItemRecord {
  const correct = (index * (model + 3) * 2654435761) % 100 < 60 + 5 * model;
  const letter = correct ? item.data.answer : item.data.answer === 'A' ? 'B' : 'A';
  const text = ` ${letter}`;
  const chunk = (content: string) => ({
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  });
  return {
    itemId: item.id,
    sample: 0,
    ...(item.group === undefined ? {} : { group: item.group }),
    status: 'ok',
    request: mmluGen5shot.buildRequest(item),
    response: {
      text,
      finishReason: 'stop',
      usage: { inputTokens: 700 + (index % 300), outputTokens: 2 },
      timing: { ttftMs: 80 + (index % 50), totalMs: 120 + (index % 90) },
      prefillApplied: false,
      raw: {
        request: { model: 'm', stream: true, max_tokens: 10, stop: ['.'], omitted_messages: 11 },
        response: { events: [chunk(''), chunk(text), chunk('.'), { omitted_events: 2 }] },
      },
    },
    extracted: letter,
    scores: { accuracy: correct ? 1 : 0 },
    cached: false,
    attempts: 1,
    cacheKey: `bench-${model}-${item.id}`,
  };
}

async function get(url: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
  return { ms: performance.now() - started, bytes: body.length };
}

const median = (values: readonly number[]): number =>
  [...values].sort((left, right) => left - right)[Math.floor((values.length - 1) / 2)] ?? Number.NaN;

let view: ReturnType<typeof spawn> | undefined;
try {
  const data = mmluSizedData(directory);
  const items = (await mmluBenchmark.loadItems(createDirectorySourceForTests(data.dataDir))).slice(
    0,
    fullMmluItems,
  );
  const store = openSqliteRunStore({ path: storePath });
  const seeding = performance.now();
  const runIds: string[] = [];
  const at = { updatedAt: new Date().toISOString() };
  for (let model = 0; model < RUNS; model += 1) {
    const runId = store.createRun({
      kind: 'eval',
      config: config(`model-${model}`),
      totalItems: items.length,
      createdAt: new Date(Date.now() + model).toISOString(),
    });
    runIds.push(runId);
    store.recordFingerprints?.(runId, runFingerprints(items));
    for (let start = 0; start < items.length; start += 500) {
      const batch = items
        .slice(start, start + 500)
        .map((item, offset) => record(item, start + offset, model));
      store.recordItems(runId, batch, at);
    }
    store.setStatus(runId, 'completed', at);
  }
  const seeded = (performance.now() - seeding) / 1000;
  const oldWay = performance.now();
  store.getRun(runIds[0] ?? '');
  const oldWayMs = performance.now() - oldWay;

  view = spawn(process.execPath, [join(ROOT, 'bin/parity.js'), 'view', '--store', storePath, '--port', '0'], {
    cwd: directory,
    env: { ...process.env, HOME: directory },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const base = await new Promise<string>((resolveUrl, reject) => {
    createInterface({ input: view?.stdout ?? process.stdin }).on('line', (line) => {
      if (line.startsWith('http')) resolveUrl(line.replace(/\/$/, ''));
    });
    view?.once('exit', (code) => reject(new Error(`parity view exited with ${code}`)));
  });
  const firstRuns = await get(`${base}/api/runs`);
  const leaderboards = await get(`${base}/api/leaderboards`);
  const firstItems = await get(`${base}/api/runs/${runIds[0]}/items?offset=0&limit=50`);
  const vsItems = await get(
    `${base}/api/runs/${runIds[0]}/items?filter=worse-than-vs&vs=${runIds[1]}&offset=0&limit=50`,
  );

  // A fifth run, written as `parity eval` writes (64 records every 100 ms), polled as the app polls.
  const running = store.createRun({
    kind: 'eval',
    config: config('model-running'),
    totalItems: items.length,
    createdAt: new Date().toISOString(),
    owner: { pid: process.pid, host: hostname(), heartbeatAt: new Date().toISOString() },
  });
  let written = 0;
  const writer = setInterval(() => {
    const batch = items.slice(written, written + 64).map((item, offset) => record(item, written + offset, 9));
    store.recordItems(running, batch, { updatedAt: new Date().toISOString() });
    written += batch.length;
  }, 100);
  const polls: number[] = [];
  for (let poll = 0; poll < 16; poll += 1) {
    await new Promise((wait) => setTimeout(wait, 250));
    polls.push((await get(`${base}/api/runs`)).ms);
  }
  clearInterval(writer);
  const status = readFileSync(`/proc/${view.pid}/status`, 'utf8');
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  store.close();

  console.log(
    `parity view, ${RUNS} runs of ${items.length} items (${data.source}; seeded in ${seeded.toFixed(0)} s), load average ${(loadavg()[0] ?? 0).toFixed(1)}`,
  );
  console.log(
    `  first page of runs (GET /api/runs, cold): ${(firstRuns.ms / 1000).toFixed(2)} s (target ≤ 1 s${firstRuns.ms <= 1000 ? ', met' : ', NOT met'}) | baseline: one run read whole (RunStore.getRun, the old way) ${(oldWayMs / 1000).toFixed(2)} s`,
  );
  console.log(
    `  leaderboards ${leaderboards.ms.toFixed(0)} ms; first page of items ${firstItems.ms.toFixed(0)} ms; worse-than-vs page ${vsItems.ms.toFixed(0)} ms`,
  );
  console.log(
    `  poll of /api/runs while a run is written (64 items / 100 ms): median ${median(polls).toFixed(0)} ms, max ${Math.max(...polls).toFixed(0)} ms (target ≤ 50 ms${median(polls) <= 50 ? ', met at the median' : ', NOT met'}${Math.max(...polls) <= 50 ? ' and at the max' : ''}); ${written} items written meanwhile`,
  );
  console.log(
    `  parity view peak RSS ${(peakKb / 1024).toFixed(0)} MB (target ≤ 200 MB${peakKb / 1024 <= 200 ? ', met' : ', NOT met'}); load average ${(loadavg()[0] ?? 0).toFixed(1)}`,
  );
} finally {
  view?.kill('SIGTERM');
  rmSync(directory, { recursive: true, force: true });
}
