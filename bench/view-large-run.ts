// `node --import tsx bench/view-large-run.ts`: how `parity view` and `parity report` cope with a full MMLU run.
//
// Seeds a 14,042-item MMLU run (mmlu.gen.5shot prompts built from ../shared/datasets/mmlu when present, else a
// synthetic MMLU of the same size) and a second model's run on the same items, through the real store API. Then
// prints: reading the run through the RunStore; the drill-down view loading in headless Chromium (cold: the
// server reads the run; warm: cached); applying a filter and a text search; paging; the API alone; and the size
// and build time of the run's self-contained HTML report. Figures only; never fails.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createDirectorySourceForTests } from '../src/benchmarks/directory-source-for-tests.ts';
import { mmluBenchmark } from '../src/benchmarks/mmlu/index.ts';
import { mmluGen5shot } from '../src/benchmarks/mmlu/mmlu-gen-5shot.ts';
import { renderHtmlReport } from '../src/report/html-report.ts';
import { buildReportData } from '../src/report/report-data.ts';
import { metricsFor } from '../src/server/view/view-data.ts';
import { startViewServer } from '../src/server/view/view-server.ts';
import { loadWebBundle } from '../src/server/view/web-bundle.ts';
import type { ItemRecord, RunConfig } from '../src/spec/index.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { writeSyntheticMmlu } from '../test/support/synthetic-datasets.ts';

// Callbacks given to page.evaluate / waitForFunction run in the browser, where these exist.
declare const document: {
  querySelector(
    selector: string,
  ): { textContent: string | null; setAttribute(name: string, value: string): void } | null;
};

const ITEMS = 14_042;
const realData = resolve(import.meta.dirname, '../../shared/datasets');
const directory = mkdtempSync(join(tmpdir(), 'parity-view-bench-'));
const chromiumPath = '/usr/bin/chromium';

function seconds(startMs: number): string {
  return `${((performance.now() - startMs) / 1000).toFixed(3)} s`;
}

try {
  let dataRoot = realData;
  let source = 'real MMLU (../shared/datasets)';
  if (!existsSync(join(realData, 'mmlu', 'data', 'test'))) {
    dataRoot = join(directory, 'data');
    writeSyntheticMmlu(dataRoot, { subjects: 57, rowsPerSubject: Math.ceil(ITEMS / 57) });
    source = 'synthetic MMLU (../shared/datasets absent)';
  }
  const items = (await mmluBenchmark.loadItems(createDirectorySourceForTests(dataRoot))).slice(0, ITEMS);
  const store = openSqliteRunStore({ path: join(directory, 'parity.db') });
  const config = (modelSpec: string): RunConfig => ({
    modelSpec,
    model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId: modelSpec.slice(7) },
    benchmark: 'mmlu',
    protocol: mmluGen5shot.id,
    protocolVersion: 1,
    concurrency: 16,
    timeoutMs: 60_000,
    maxRetries: 2,
  });
  const seeding = performance.now();
  const runIds: string[] = [];
  for (const [modelIndex, modelSpec] of ['openai:big-model', 'openai:small-model'].entries()) {
    const runId = store.createRun({
      kind: 'eval',
      config: config(modelSpec),
      totalItems: items.length,
      createdAt: new Date().toISOString(),
    });
    runIds.push(runId);
    items.forEach((item, index) => {
      const correct = (index * (modelIndex + 3) * 2654435761) % 100 < (modelIndex === 0 ? 80 : 65);
      const letter = correct
        ? item.data.answer
        : (['A', 'B', 'C', 'D'].find((candidate) => candidate !== item.data.answer) ?? 'A');
      const record: ItemRecord = {
        itemId: item.id,
        sample: 0,
        ...(item.group === undefined ? {} : { group: item.group }),
        status: 'ok',
        request: mmluGen5shot.buildRequest(item),
        response: {
          text: ` ${letter}`,
          finishReason: 'stop',
          usage: { inputTokens: 600 + (index % 300), outputTokens: 2 },
          timing: { ttftMs: 50 + (index % 70), totalMs: 90 + (index % 400) },
          prefillApplied: true,
        },
        extracted: letter,
        scores: { accuracy: correct ? 1 : 0 },
        cached: false,
        attempts: 1,
        cacheKey: `bench-${modelIndex}-${item.id}`,
      };
      store.recordItem(runId, record, { updatedAt: new Date().toISOString() });
    });
    store.setStatus(runId, 'completed', { updatedAt: new Date().toISOString() });
  }
  const [runA = '', runB = ''] = runIds;
  console.log(`machine: ${availableParallelism()} cores, node ${process.version}`);
  console.log(
    `view of a large run: ${items.length} items, ${source}, mmlu.gen.5shot prompts; seeding 2 runs took ${seconds(seeding)}`,
  );

  let started = performance.now();
  const stored = store.getRun(runA);
  console.log(`  RunStore.getRun (every item, checked with zod):     ${seconds(started)}`);

  const server = await startViewServer({ store, bundle: await loadWebBundle() });
  const browser = existsSync(chromiumPath)
    ? await chromium.launch({
        executablePath: chromiumPath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      })
    : undefined;
  try {
    if (browser) {
      const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      const ready = (): Promise<unknown> =>
        page.waitForSelector('main[data-view="items"][data-status="ready"]', { timeout: 120_000 });
      const measure = async (label: string, action: () => Promise<unknown>): Promise<void> => {
        await page.evaluate(() => document.querySelector('main')?.setAttribute('data-status', 'stale'));
        started = performance.now();
        await action();
        await ready();
        console.log(`  ${label.padEnd(52)}${seconds(started)}`);
      };
      await measure('drill-down view, cold (server reads both runs):', () =>
        page.goto(`${server.url}/#/items?run=${runA}&vs=${runB}`),
      );
      await measure('drill-down view, warm (reload):', () => page.reload());
      await measure('apply filter "wrong in A, right in B":', () =>
        page.selectOption('#filter', 'worse-than-vs'),
      );
      console.log(`    → ${await page.locator('#items-summary').textContent()}`);
      await measure('apply text search "photosynthesis" (250 ms debounce):', () =>
        page.fill('#search', 'photosynthesis'),
      );
      await measure('clear search, pick a group:', async () => {
        await page.fill('#search', '');
        await ready();
        await page.selectOption('#group', { index: 5 });
      });
      await page.selectOption('#group', '');
      await ready();
      await measure('next page:', () => page.click('#next-page'));
      started = performance.now();
      for (let index = 0; index < 20; index += 1) await page.mouse.wheel(0, 400);
      console.log(`  ${'scroll a page of 50 rows (20 wheel steps):'.padEnd(52)}${seconds(started)}`);
    } else {
      console.log(`  (no ${chromiumPath}: browser timings skipped)`);
    }
    for (const [label, path] of [
      ['API page of 50, all items:', `/api/runs/${runA}/items?limit=50`],
      [
        'API filter wrong-in-A-right-in-B:',
        `/api/runs/${runA}/items?vs=${runB}&filter=worse-than-vs&limit=50`,
      ],
      ['API text search:', `/api/runs/${runA}/items?search=photosynthesis&limit=50`],
    ] as const) {
      started = performance.now();
      await (await fetch(`${server.url}${path}`)).json();
      console.log(`  ${label.padEnd(52)}${seconds(started)}`);
    }
  } finally {
    await browser?.close();
    await server.close();
  }

  if (stored) {
    started = performance.now();
    const data = buildReportData({
      runs: [{ run: stored, metrics: metricsFor('mmlu', mmluGen5shot.id) }],
      generatedAt: new Date().toISOString(),
    });
    const html = renderHtmlReport({ data, ...(await loadWebBundle()), title: 'bench' });
    console.log(
      `  HTML report of the run: ${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB, built in ${seconds(started)}`,
    );
  }
  store.close();
} finally {
  rmSync(directory, { recursive: true, force: true });
}
