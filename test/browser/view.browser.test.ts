import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html-report.ts';
import { buildReportData } from '../../src/report/report-data.ts';
import { metricsFor } from '../../src/server/view/view-data.ts';
import { startViewServer, type ViewServer } from '../../src/server/view/view-server.ts';
import { loadWebBundle } from '../../src/server/view/web-bundle.ts';
import type { RunStore } from '../../src/spec/index.ts';
import { openSqliteRunStore } from '../../src/store/sqlite-run-store.ts';
import { hostilePayloads, mmluRecord, seedViewStore, type SeededRuns } from '../support/seed-view-store.ts';

// Callbacks given to page.evaluate / waitForFunction run in the browser, where these exist.
declare const document: {
  querySelector(
    selector: string,
  ): { textContent: string | null; setAttribute(name: string, value: string): void } | null;
};
declare const window: Record<string, unknown>;

const chromiumPath = '/usr/bin/chromium';
/** Screenshots of every view land here (test-artifacts/ is gitignored). */
const screenshotDirectory = resolve(import.meta.dirname, '../../test-artifacts/browser/view');

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

interface PageWatch {
  readonly problems: string[];
  readonly foreignRequests: string[];
}

/** Records page errors, dialogs (alert/confirm — a payload ran) and requests that leave the allowed origin. */
function watch(page: Page, allowedPrefix: string): PageWatch {
  const result: PageWatch = { problems: [], foreignRequests: [] };
  page.on('pageerror', (error) => result.problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    result.problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(allowedPrefix) && !request.url().startsWith('data:'))
      result.foreignRequests.push(request.url());
  });
  return result;
}

async function openView(page: Page, url: string, view: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector(`main[data-view="${view}"]`);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDirectory, `${name}.png`), fullPage: true });
}

/** Opens every item's detail and checks each payload is shown verbatim as text and nothing ran. */
async function expectHostileItemsInert(page: Page, watched: PageWatch): Promise<void> {
  await page.waitForSelector('main[data-view="items"][data-status="ready"]');
  const rows = page.locator('tr.item');
  expect(await rows.count()).toBe(hostilePayloads.length);
  for (let index = 0; index < hostilePayloads.length; index += 1) await rows.nth(index).click();
  const shown = await page.locator('.detail .side pre.text').allTextContents();
  for (const payload of hostilePayloads) expect(shown).toContain(payload);
  const prompts = await page.locator('.detail > .field pre.text').allTextContents();
  for (const payload of hostilePayloads) expect(prompts).toContain(`Prompt with ${payload}`);
  expect(await page.evaluate(() => window.__parityPwned)).toBeUndefined();
  // No element a payload would have created exists: the only images, iframes and anchors are the app's own.
  expect(await page.locator('main img, main iframe, main div[onclick], main b').count()).toBe(0);
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  expect(watched.problems).toEqual([]);
  expect(watched.foreignRequests).toEqual([]);
}

describe.skipIf(!existsSync(chromiumPath))(
  `parity view in headless Chromium (skipped when ${chromiumPath} is absent)`,
  () => {
    let directory: string;
    let store: RunStore;
    let server: ViewServer;
    let browser: Browser;
    let page: Page;
    let watched: PageWatch;
    let seeded: SeededRuns;

    beforeAll(async () => {
      mkdirSync(screenshotDirectory, { recursive: true });
      directory = mkdtempSync(join(tmpdir(), 'parity-view-browser-'));
      store = openSqliteRunStore({ path: join(directory, 'parity.db') });
      seeded = seedViewStore(store);
      server = await startViewServer({ store, bundle: await loadWebBundle() });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      watched = watch(page, server.url);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      store?.close();
      rmSync(directory, { recursive: true, force: true });
      console.log(`screenshots: ${screenshotDirectory}`);
    });

    it('runs list: every run with model, n, score and its interval, status; a running run updates live', async () => {
      await openView(page, `${server.url}/#/runs`, 'runs');
      await page.waitForSelector(`tr[data-run-id="${seeded.strongRunId}"]`);
      expect(await page.locator('table.runs tbody tr').count()).toBe(5);
      const strong = page.locator(`tr[data-run-id="${seeded.strongRunId}"]`);
      expect(await strong.textContent()).toMatch(
        /openai:gpt-4o.*mmlu.*80\/80.*accuracy 8\d\.\d% \[\d+\.\d%, \d+\.\d%\].*completed/,
      );
      const running = page.locator(`tr[data-run-id="${seeded.runningRunId}"]`);
      expect(await running.textContent()).toContain('10/80');
      await shot(page, '1-runs');
      for (let row = 10; row < 15; row += 1) {
        store.recordItem(
          seeded.runningRunId,
          mmluRecord({ index: row, subject: 'astronomy', row, gold: 'A', correct: true }),
          { updatedAt: '2026-03-05T00:00:00.000Z' },
        );
      }
      await page.waitForFunction(
        (runId) => document.querySelector(`tr[data-run-id="${runId}"]`)?.textContent?.includes('15/80'),
        seeded.runningRunId,
        { timeout: 10_000 },
      );
      // The untrusted model name is text in the cell, not markup.
      expect(await page.locator(`tr[data-run-id="${seeded.hostileRunId}"] a`).textContent()).toBe(
        'openai:evil-<script>alert(1)</script>',
      );
    });

    it('leaderboard: one chart per benchmark with interval bars', async () => {
      await openView(page, `${server.url}/#/leaderboard`, 'leaderboard');
      await page.waitForSelector('section.leaderboard[data-benchmark="mmlu"] svg');
      expect(await page.locator('section.leaderboard[data-benchmark="mmlu"] svg circle').count()).toBe(3);
      expect(await page.locator('section.leaderboard[data-benchmark="mmlu"] svg line.interval').count()).toBe(
        9,
      );
      await shot(page, '2-leaderboard');
    });

    it('compare: paired verdict, then "wrong in A, right in B" drills into those items', async () => {
      await openView(
        page,
        `${server.url}/#/compare?runs=${seeded.strongRunId},${seeded.weakRunId}`,
        'compare',
      );
      await page.waitForSelector('table.comparisons tbody tr');
      const row = await page.locator('table.comparisons tbody tr').textContent();
      expect(row).toContain('mcnemar_exact');
      expect(row).toContain('A better (openai:gpt-4o)');
      await shot(page, '3-compare');
      await page.getByText('wrong in A, right in B').click();
      await page.waitForSelector('main[data-view="items"][data-status="ready"]');
      const scores = await page
        .locator('tr.item')
        .evaluateAll((rows) =>
          rows.map((row) => [row.children[2]?.textContent, row.children[3]?.textContent]),
        );
      expect(scores.length).toBeGreaterThan(0);
      for (const pair of scores) expect(pair).toEqual(['0', '1']);
    });

    it('items: server-side pages, group filter, text search, errors, and a detail with prompt, response, latency, tokens', async () => {
      await openView(page, `${server.url}/#/items?run=${seeded.weakRunId}`, 'items');
      await page.waitForSelector('main[data-view="items"][data-status="ready"]');
      expect(await page.locator('tr.item').count()).toBe(50);
      expect(await page.locator('#items-summary').textContent()).toBe(
        'Items 1–50 of 80 matching (80 in the run).',
      );
      await page.click('#next-page');
      await page.waitForFunction(() =>
        document.querySelector('#items-summary')?.textContent?.startsWith('Items 51–80'),
      );
      await page.selectOption('#group', 'virology');
      await page.waitForFunction(() =>
        document.querySelector('#items-summary')?.textContent?.includes('of 20 matching'),
      );
      await page.fill('#search', 'question 7 about');
      await page.waitForFunction(() =>
        document.querySelector('#items-summary')?.textContent?.includes('of 1 matching'),
      );
      await page.locator('tr.item').first().click();
      const detail = await page.locator('.detail').textContent();
      expect(detail).toContain('Question 7 about virology');
      expect(detail).toMatch(/latency\d+ ms/);
      expect(detail).toMatch(/tokens\d+ in \/ \d+ out/);
      await page.getByText('Show the full request (3 messages)').click();
      await page.waitForSelector('.detail .field-label:text("1. user")');
      await shot(page, '4-items-detail');
      await page.fill('#search', '');
      await page.selectOption('#group', '');
      await page.selectOption('#filter', 'errors');
      // The search before also matched one item: wait for the errors page itself, not only its count.
      await page.waitForFunction(
        () =>
          document.querySelector('#items-summary')?.textContent?.includes('of 1 matching') &&
          document.querySelector('tr.item')?.textContent?.includes('ProviderError'),
      );
      expect(await page.locator('tr.item').first().textContent()).toContain(
        'ProviderError: HTTP 500 from server <b>oops</b>',
      );
      await page.selectOption('#filter', 'unscored');
      await page.waitForFunction(() =>
        document.querySelector('tr.item')?.textContent?.includes('astronomy/6'),
      );
      await shot(page, '5-items-filters');
    });

    it('bench: latency–throughput curve and latency CDFs per step, overlaid', async () => {
      await openView(page, `${server.url}/#/bench`, 'bench');
      await page.waitForSelector(`section.latency[data-run-id="${seeded.benchRunId}"] svg`);
      expect(await page.locator('section.latency h3').allTextContents()).toEqual([
        'Latency against throughput',
      ]);
      expect(await page.locator('section.latency-cdfs h3').allTextContents()).toEqual([
        'End-to-end latency CDF',
        'Time to first token CDF',
      ]);
      expect(await page.locator('section.latency-cdfs svg').first().locator('path.series').count()).toBe(3);
      expect(await page.locator('section.latency table.steps tbody tr').count()).toBe(3);
      await shot(page, '6-bench');
    });

    it('cost: cost table and quality–cost Pareto chart', async () => {
      await openView(page, `${server.url}/#/tco`, 'tco');
      await page.waitForSelector('section.pareto svg');
      expect(await page.locator('table.costs tbody tr').count()).toBe(4);
      expect(await page.locator('section.pareto h2').first().textContent()).toMatch(
        /^Quality against (cost|latency): mmlu/,
      );
      await shot(page, '7-cost');
    });

    it('untrusted responses, prompts and model names stay text in the app and nothing runs', async () => {
      await openView(page, `${server.url}/#/items?run=${seeded.hostileRunId}`, 'items');
      await expectHostileItemsInert(page, watched);
      await shot(page, '8-hostile-app');
    });

    it('HTML report: self-contained, opens offline from a file, shows the same views, and nothing runs', async () => {
      const runs = [seeded.strongRunId, seeded.weakRunId, seeded.hostileRunId, seeded.benchRunId].map(
        (runId) => {
          const run = store.getRun(runId);
          if (!run) throw new Error(runId);
          return { run, metrics: metricsFor(run.config.benchmark, run.config.protocol) };
        },
      );
      const data = buildReportData({ runs, generatedAt: '2026-03-05T00:00:00.000Z' });
      const file = join(directory, 'report.html');
      writeFileSync(file, renderHtmlReport({ data, ...(await loadWebBundle()), title: 'report' }));
      const reportPage = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      const reportWatch = watch(reportPage, pathToFileURL(file).href);
      await openView(reportPage, `${pathToFileURL(file).href}#/runs`, 'runs');
      await reportPage.waitForSelector('table.runs tbody tr');
      expect(await reportPage.locator('table.runs tbody tr').count()).toBe(4);
      expect(await reportPage.locator('.mode').textContent()).toBe('report');
      await shot(reportPage, '9-report-runs');
      await openView(
        reportPage,
        `${pathToFileURL(file).href}#/compare?runs=${seeded.strongRunId},${seeded.weakRunId}`,
        'compare',
      );
      await reportPage.waitForSelector('table.comparisons tbody tr');
      expect(await reportPage.locator('table.comparisons tbody tr').textContent()).toContain('A better');
      await openView(reportPage, `${pathToFileURL(file).href}#/items?run=${seeded.hostileRunId}`, 'items');
      await expectHostileItemsInert(reportPage, reportWatch);
      await shot(reportPage, '10-report-hostile');
      // Exactly the report's two script elements: the inline data and the app; no payload became one.
      expect(await reportPage.locator('script').count()).toBe(2);
      await reportPage.close();
    });
  },
);
