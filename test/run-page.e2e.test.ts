import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { startViewServer, type ViewServer } from '../src/server/view/view-server.ts';
import { loadWebBundle } from '../src/server/view/web-bundle.ts';
import type { RunDetailView } from '../src/report/view-model.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

/**
 * Issue #21.2: a run's page — configuration (endpoint, never the API key, protocol and version, generation
 * settings, data fingerprint, parity version), status with its reason, scores with intervals overall and per
 * group, tokens, latency, errors — from `GET /api/runs/<id>` and `parity show`, for a run made by `parity eval`.
 */
describe('run page: parity show and /api/runs/<id>', () => {
  let directory: string;
  let store: string;
  let completedRunId: string;
  let failedRunId: string;

  async function evalRun(reply: (index: number) => { text?: string; status?: number }, extra: string[]) {
    const server = await startOpenAICompatibleServer({ respond: ({ index }) => reply(index) });
    const io = captureIo({ cwd: directory, env: { OPENAI_API_KEY: 'SECRET-KEY-123' } });
    try {
      const code = await main(
        [
          'eval',
          ...['--model', 'openai:m', '--base-url', server.url, '--bench', 'mmlu'],
          ...['--protocol', 'mmlu.gen.5shot', '--data-dir', join(directory, 'data')],
          ...['--store', store, '--no-download', '--concurrency', '1', ...extra],
        ],
        io,
      );
      return { code, ...io.output };
    } finally {
      await server.close();
    }
  }

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-run-page-'));
    store = join(directory, 'parity.db');
    writeSyntheticMmlu(join(directory, 'data'), { subjects: 2, rowsPerSubject: 4 });
    const completed = await evalRun(() => ({ text: ' A' }), ['--temperature', '0.5']);
    expect(completed.code, completed.stderr).toBe(0);
    const failed = await evalRun(() => ({ status: 401 }), ['--retries', '0']);
    expect(failed.code).not.toBe(0);
    const opened = openSqliteRunStore({ path: store });
    const runs = opened.listRuns();
    completedRunId = runs.find((run) => run.status === 'completed')?.runId ?? '';
    failedRunId = runs.find((run) => run.status === 'failed')?.runId ?? '';
    opened.close();
    expect(failedRunId).not.toBe('');
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  async function show(argv: string[]) {
    const io = captureIo({ cwd: directory });
    const code = await main(['show', ...argv, '--store', store], io);
    return { code, ...io.output };
  }

  it('parity show prints the configuration with the endpoint (no secret), status, tokens, latency, errors', async () => {
    const result = await show([completedRunId]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}endpoint +http:\/\/127\.0\.0\.1:\d+\/v1$/m);
    expect(result.stdout).toMatch(/^ {2}protocol +mmlu mmlu\.gen\.5shot v\d+$/m);
    expect(result.stdout).toMatch(/^ {2}generation +temperature 0\.5$/m);
    expect(result.stdout).toMatch(/^ {2}data +fingerprint [0-9a-f]{32}$/m);
    expect(result.stdout).toMatch(/^ {2}parity +\d+\.\d+\.\d+/m);
    expect(result.stdout).toMatch(/^ {2}status +completed$/m);
    expect(result.stdout).toMatch(/^ {2}tokens +in \d+, out \d+$/m);
    expect(result.stdout).toMatch(/^ {2}latency +p50 \d+ ms, p90 \d+ ms, p99 \d+ ms \(8 timed items\)$/m);
    expect(result.stdout).toMatch(/^ {2}errors +0$/m);
    expect(result.stdout).not.toContain('SECRET-KEY-123');
    // Two subjects: their scores with intervals are shown without --groups, as on the run page.
    expect(result.stdout).toMatch(/subject_a +25\.0 +\[\d+\.\d, \d+\.\d\]/);
  });

  it('parity show names why a failed run failed; --json carries the same fields', async () => {
    const text = await show([failedRunId]);
    expect(text.stdout).toMatch(
      /^ {2}status +failed — \w*Error: .*401.*\(first failed item: subject_a\/0\)$/m,
    );
    const json = await show([failedRunId, '--json']);
    const parsed = JSON.parse(json.stdout) as { run: Record<string, unknown> };
    expect(parsed.run).toMatchObject({
      status: 'failed',
      endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1$/) as unknown,
      protocol_version: expect.any(Number) as unknown,
    });
    expect(String(parsed.run.status_reason)).toContain('401');
    expect(json.stdout).not.toContain('SECRET-KEY-123');
  });

  it('GET /api/runs/<id> answers the run page: metrics and groups with intervals, config, status', async () => {
    const opened = openSqliteRunStore({ path: store });
    let server: ViewServer | undefined;
    try {
      server = await startViewServer({ store: opened, bundle: await loadWebBundle() });
      const response = await fetch(`${server.url}/api/runs/${completedRunId}`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain('SECRET-KEY-123');
      const detail = JSON.parse(text) as RunDetailView;
      expect(detail.run.runId).toBe(completedRunId);
      expect(detail.config.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(detail.config.generation).toEqual([['temperature', '0.5']]);
      // Always A: right on 1 of 4 rows per subject.
      expect(detail.metrics[0]).toMatchObject({ name: expect.any(String) as unknown, value: 0.25, n: 8 });
      expect(detail.metrics[0]?.ci95[0]).toBeLessThan(0.25);
      expect(detail.groups.map((group) => [group.name, group.value, group.n])).toEqual([
        ['subject_a', 0.25, 4],
        ['subject_b', 0.25, 4],
      ]);
      expect(detail.latencyMs.count).toBe(8);
      const failed = (await (await fetch(`${server.url}/api/runs/${failedRunId}`)).json()) as RunDetailView;
      expect(failed.run.status).toBe('failed');
      expect(failed.statusReason).toContain('401');
      expect(failed.errorKinds[0]?.count).toBeGreaterThan(0);
      expect((await fetch(`${server.url}/api/runs/nope`)).status).toBe(404);
      expect((await fetch(`${server.url}/api/runs/%E0%A4%A`)).status).toBe(400);
    } finally {
      await server?.close();
      opened.close();
    }
  });
});
