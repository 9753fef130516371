import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html-report.ts';
import { buildReportData } from '../../src/report/report-data.ts';
import { metricsFor } from '../../src/server/view/view-data.ts';
import { startViewServer, type ViewServer } from '../../src/server/view/view-server.ts';
import { loadWebBundle } from '../../src/server/view/web-bundle.ts';
import type { ItemRecord, RunConfig, RunStore } from '../../src/spec/index.ts';
import { openSqliteRunStore } from '../../src/store/sqlite-run-store.ts';
import { mmluRecord } from '../support/seed-view-store.ts';

// Issue #21: the run page, gold answers in the drill-down, chart positions against their axes, overlaid
// latency CDFs and a report that opens on its comparison, in headless Chromium. Screenshots are kept in
// test-artifacts/browser/ (gitignored).

const chromiumPath = '/usr/bin/chromium';
const screenshotDirectory = resolve(import.meta.dirname, '../../test-artifacts/browser');
const letters = ['A', 'B', 'C', 'D'] as const;
const subjects = ['astronomy', 'virology'] as const;

function config(modelSpec: string): RunConfig {
  return {
    modelSpec,
    model: { provider: 'openai', endpoint: 'http://127.0.0.1:9/v1', modelId: modelSpec.split(':')[1] ?? 'x' },
    benchmark: 'mmlu',
    protocol: 'mmlu.gen.5shot',
    protocolVersion: 1,
    concurrency: 4,
    timeoutMs: 60_000,
    maxRetries: 2,
    temperature: 0,
    parityVersion: '0.1.0',
  };
}

interface Seeded {
  readonly fast: string;
  readonly mid: string;
  readonly slow: string;
  readonly failed: string;
}

/**
 * Three completed MMLU runs on the same 40 items: fast (every item 48 ms, 50% right), mid (300 ms, 80%) and
 * slow (900 ms, 60%, dominated: off the Pareto frontier), with gold answers; and a failed run.
 */
function seed(store: RunStore): Seeded {
  const gold = new Map<string, { target: string; choices: string[] }>();
  const make = (modelSpec: string, latencyMs: number, rightEvery: (index: number) => boolean): string => {
    const runId = store.createRun({
      kind: 'eval',
      config: config(modelSpec),
      totalItems: 40,
      createdAt: '2026-03-01T10:00:00.000Z',
    });
    let index = 0;
    for (const subject of subjects) {
      for (let row = 0; row < 20; row += 1) {
        const target = letters[row % 4] ?? 'A';
        gold.set(`${subject}/${row}`, { target, choices: ['A. alpha', 'B. beta', 'C. gamma', 'D. delta'] });
        const record = mmluRecord({ index, subject, row, gold: target, correct: rightEvery(index) });
        const timed: ItemRecord = record.response
          ? {
              ...record,
              response: {
                ...record.response,
                timing: { ttftMs: latencyMs / 3 + (index % 5), totalMs: latencyMs + (index % 2) * 0 },
              },
            }
          : record;
        store.recordItem(runId, timed, { updatedAt: '2026-03-01T10:01:00.000Z' });
        index += 1;
      }
    }
    store.recordGold?.(runId, gold);
    store.setStatus(runId, 'completed', { updatedAt: '2026-03-01T10:02:00.000Z' });
    return runId;
  };
  const fast = make('openai:fast-model', 48, (index) => index % 2 === 0);
  const mid = make('openai:mid-model', 300, (index) => index % 5 !== 0);
  const slow = make('openai:slow-model', 900, (index) => index % 5 < 3);
  const failed = store.createRun({
    kind: 'eval',
    config: config('openai:broken-model'),
    totalItems: 40,
    createdAt: '2026-03-01T11:00:00.000Z',
  });
  const record = mmluRecord({ index: 0, subject: 'astronomy', row: 0, gold: 'A', correct: false });
  store.recordItem(
    failed,
    {
      ...record,
      status: 'error',
      response: undefined,
      extracted: null,
      scores: {},
      error: { name: 'ProviderError', message: 'HTTP 401 from http://127.0.0.1:9/v1: invalid api key' },
    } as ItemRecord,
    { updatedAt: '2026-03-01T11:00:01.000Z' },
  );
  store.setStatus(failed, 'failed', { updatedAt: '2026-03-01T11:00:02.000Z' });
  return { fast, mid, slow, failed };
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
  });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDirectory, `${name}.png`), fullPage: true });
}

interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

async function box(locator: Locator): Promise<Box> {
  return locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
  });
}

/**
 * The screen position of `value` on an axis, read from the chart's own grid lines (each carries the tick's
 * `data-value`): the linear map through the first and last grid line.
 */
async function axisPosition(svg: Locator, axis: 'x' | 'y', value: number): Promise<number> {
  const lines = svg.locator(`line.${axis}-grid`);
  const count = await lines.count();
  expect(count).toBeGreaterThan(1);
  const first = lines.first();
  const last = lines.nth(count - 1);
  const [v0, v1] = [
    Number(await first.getAttribute('data-value')),
    Number(await last.getAttribute('data-value')),
  ];
  const [b0, b1] = [await box(first), await box(last)];
  const [p0, p1] = axis === 'x' ? [b0.left, b1.left] : [b0.top, b1.top];
  return p0 + ((value - v0) / (v1 - v0)) * (p1 - p0);
}

function overlaps(a: Box, b: Box): boolean {
  return (
    Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left) > 0.5 &&
    Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top) > 0.5
  );
}

describe.skipIf(!existsSync(chromiumPath))(
  `run page, gold answers, charts and report opening in headless Chromium (skipped when ${chromiumPath} is absent)`,
  () => {
    let directory: string;
    let store: RunStore;
    let server: ViewServer;
    let browser: Browser;
    let page: Page;
    let seeded: Seeded;
    const problems: string[] = [];

    beforeAll(async () => {
      mkdirSync(screenshotDirectory, { recursive: true });
      directory = mkdtempSync(join(tmpdir(), 'parity-run-page-browser-'));
      store = openSqliteRunStore({ path: join(directory, 'parity.db') });
      seeded = seed(store);
      server = await startViewServer({ store, bundle: await loadWebBundle() });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      page.on('pageerror', (error) => problems.push(error.message));
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      store?.close();
      rmSync(directory, { recursive: true, force: true });
      console.log(`screenshots: ${screenshotDirectory}`);
    });

    it('the run link opens the run page: status, scores with intervals overall and per group, usage, configuration, links', async () => {
      await page.goto(`${server.url}/#/runs`);
      await page.locator(`tr[data-run-id="${seeded.mid}"] a`).click();
      await page.waitForSelector('main[data-view="run"][data-status="ready"]');
      expect(page.url()).toContain(`#/run?id=${seeded.mid}`);
      expect(await page.locator('h1').textContent()).toBe('openai:mid-model · mmlu');
      expect(await page.locator('#run-status').textContent()).toBe('completed 40/40 items');
      expect(await page.locator('#run-metrics tbody tr').first().textContent()).toMatch(
        /^accuracy80\.0% \[\d+\.\d%, \d+\.\d%\]40$/,
      );
      expect(await page.locator('#run-group-table tbody tr').allTextContents()).toEqual([
        expect.stringMatching(/^astronomy\d+\.\d% \[\d+\.\d%, \d+\.\d%\]20$/),
        expect.stringMatching(/^virology\d+\.\d% \[\d+\.\d%, \d+\.\d%\]20$/),
      ]);
      const groupDots = page.locator('section.run-groups svg circle');
      expect(await groupDots.count()).toBe(2);
      for (const dot of await groupDots.all()) {
        const rect = await box(dot);
        const expectedX = await axisPosition(
          page.locator('section.run-groups svg'),
          'x',
          Number(await dot.getAttribute('data-x')),
        );
        expect(Math.abs(rect.left + rect.width / 2 - expectedX)).toBeLessThanOrEqual(1);
      }
      const usage = await page.locator('#run-usage').textContent();
      expect(usage).toContain('latency p50 / p90 / p99300 ms / 300 ms / 300 ms (40 timed)');
      expect(usage).toMatch(/tokens in \/ out\d+k \/ \d+/);
      const configuration = await page.locator('#run-config').textContent();
      expect(configuration).toContain('endpointhttp://127.0.0.1:9/v1');
      expect(configuration).toContain('protocolmmlu.gen.5shot v1');
      expect(configuration).toContain('parity version0.1.0');
      expect(await page.locator('#run-generation').textContent()).toBe('temperature0');
      expect((await page.locator('ul.compare-links a').allTextContents()).sort()).toEqual([
        'Compare with openai:fast-model',
        'Compare with openai:slow-model',
      ]);
      await shot(page, 'run-page');
      await page.getByText('Wrong items').click();
      await page.waitForSelector('main[data-view="items"][data-status="ready"]');
      expect(await page.locator('tr.item').count()).toBe(8);
    });

    it('a failed run says why', async () => {
      await page.goto(`${server.url}/#/run?id=${seeded.failed}`);
      await page.waitForSelector('main[data-view="run"][data-status="ready"]');
      expect(await page.locator('#run-status').textContent()).toBe(
        'failed 1/40 items — ProviderError: HTTP 401 from http://127.0.0.1:9/v1: invalid api key (first failed item: astronomy/0)',
      );
      expect(await page.locator('section.run-errors li').textContent()).toContain('ProviderError × 1');
      await shot(page, 'run-page-failed');
    });

    it('the drill-down shows the gold answer, marks the gold choice and points at the extracted one', async () => {
      await page.goto(`${server.url}/#/items?run=${seeded.fast}&filter=wrong`);
      await page.waitForSelector('main[data-view="items"][data-status="ready"]');
      const row = page.locator('tr.item').first();
      expect(await row.locator('td.gold').textContent()).toBe('B');
      await row.click();
      expect(await page.locator('.detail pre.gold-target').textContent()).toBe('B');
      expect(await page.locator('.detail li.gold-choice').textContent()).toBe('B. beta ✓ gold');
      expect(await page.locator('.detail li.choice', { hasText: '← extracted' }).textContent()).toBe(
        'C. gamma ← extracted',
      );
      await shot(page, 'items-gold');
    });

    it('the quality–latency chart draws each dot where its axes say (within 1 px) and labels do not collide', async () => {
      await page.goto(`${server.url}/#/tco`);
      await page.waitForSelector('section.pareto svg circle.point');
      const svg = page.locator('section.pareto svg').first();
      expect(await svg.locator('text.x-axis').textContent()).toBe('median latency (ms)');
      expect(await svg.locator('text.y-axis').textContent()).toBe('accuracy (%)');
      expect(await svg.locator('text.x-tick').allTextContents()).toEqual([
        '0',
        '200',
        '400',
        '600',
        '800',
        '1000',
      ]);
      expect(await svg.locator('text.y-tick').last().textContent()).toBe('100');
      const points = svg.locator('circle.point');
      expect(await points.count()).toBe(3);
      const expected = new Map([
        ['openai:fast-model', [48, 0.5]],
        ['openai:mid-model', [300, 0.8]],
        ['openai:slow-model', [900, 0.6]],
      ]);
      for (let index = 0; index < 3; index += 1) {
        const point = points.nth(index);
        const label = (await point.getAttribute('data-label')) ?? '';
        const [x, y] = expected.get(label) ?? [NaN, NaN];
        expect(Number(await point.getAttribute('data-x'))).toBe(x);
        const rect = await box(point);
        expect(
          Math.abs(rect.left + rect.width / 2 - (await axisPosition(svg, 'x', x ?? NaN))),
        ).toBeLessThanOrEqual(1);
        expect(
          Math.abs(rect.top + rect.height / 2 - (await axisPosition(svg, 'y', y ?? NaN))),
        ).toBeLessThanOrEqual(1);
      }
      const labels = await Promise.all(
        (await svg.locator('text.point-label').all()).map((label) => box(label)),
      );
      expect(labels).toHaveLength(3);
      for (const [index, label] of labels.entries())
        for (const other of labels.slice(index + 1)) expect(overlaps(label, other)).toBe(false);
      const legend = await svg.locator('g.legend text').allTextContents();
      expect(legend).toEqual(['Pareto frontier', 'run (label: model)']);
      await shot(page, 'pareto-positions');
    });

    it('latency CDFs of several runs are overlaid on one chart, on one axis', async () => {
      await page.goto(`${server.url}/#/bench?runs=${seeded.fast},${seeded.mid},${seeded.slow}`);
      await page.waitForSelector('section.latency-cdfs svg');
      const charts = page.locator('section.latency-cdfs svg');
      expect(await charts.count()).toBe(2);
      const e2e = charts.first();
      expect(await e2e.locator('text.x-axis').textContent()).toBe('end-to-end latency (ms)');
      expect(await e2e.locator('text.y-axis').textContent()).toBe('fraction of requests');
      expect(await e2e.locator('path.series').count()).toBe(3);
      expect(await e2e.locator('g.legend text').allTextContents()).toEqual([
        'openai:fast-model',
        'openai:mid-model',
        'openai:slow-model',
      ]);
      // Every run's latencies are one value: its CDF rises from 0 to 1 at that value, on the shared axis.
      for (const [name, latency] of [
        ['openai:fast-model', 48],
        ['openai:mid-model', 300],
        ['openai:slow-model', 900],
      ] as const) {
        const path = await box(e2e.locator(`path.series[data-series="${name}"]`));
        expect(
          Math.abs(path.left + path.width - (await axisPosition(e2e, 'x', latency))),
        ).toBeLessThanOrEqual(1);
        expect(Math.abs(path.top - (await axisPosition(e2e, 'y', 1)))).toBeLessThanOrEqual(1);
      }
      expect(await page.locator('section.latency').count()).toBe(3);
      await shot(page, 'latency-cdfs-overlaid');
    });

    it('an HTML report with a comparison opens on it, differences in pts, with run pages inside', async () => {
      const runs = [seeded.mid, seeded.fast, seeded.slow].map((runId) => {
        const run = store.getRun(runId);
        if (!run) throw new Error(runId);
        const gold = store.getGold?.(runId);
        return {
          run,
          metrics: metricsFor(run.config.benchmark, run.config.protocol),
          ...(gold ? { gold } : {}),
        };
      });
      const data = buildReportData({ runs, generatedAt: '2026-03-05T00:00:00.000Z' });
      const file = join(directory, 'report.html');
      writeFileSync(file, renderHtmlReport({ data, ...(await loadWebBundle()), title: 'report' }));
      const reportPage = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      reportPage.on('pageerror', (error) => problems.push(error.message));
      await reportPage.goto(pathToFileURL(file).href);
      await reportPage.waitForSelector('main[data-view="compare"] table.comparisons tbody tr');
      expect(reportPage.url()).toContain(
        `#/compare?runs=${encodeURIComponent(`${seeded.mid},${seeded.fast},${seeded.slow}`)}`,
      );
      expect(await reportPage.locator('table.comparisons tbody tr').count()).toBe(2);
      const verdicts = await reportPage.locator('section.verdicts li').allTextContents();
      expect(verdicts[0]).toMatch(/A − B \+30\.0 pts \[[+−-]?\d+\.\d, \+\d+\.\d\]/);
      expect(verdicts.join(' ')).not.toMatch(/A − B [+−-]?\d+\.\d%/);
      await shot(reportPage, 'report-opens-on-compare');
      await reportPage.goto(`${pathToFileURL(file).href}#/run?id=${seeded.fast}`);
      await reportPage.waitForSelector('main[data-view="run"][data-status="ready"]');
      expect(await reportPage.locator('#run-metrics tbody tr').first().textContent()).toMatch(
        /^accuracy50\.0%/,
      );
      await reportPage.goto(`${pathToFileURL(file).href}#/items?run=${seeded.fast}&filter=wrong`);
      await reportPage.waitForSelector('main[data-view="items"][data-status="ready"]');
      await reportPage.locator('tr.item').first().click();
      expect(await reportPage.locator('.detail li.gold-choice').textContent()).toBe('B. beta ✓ gold');
      await reportPage.close();
      expect(problems).toEqual([]);
    });
  },
);
