import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from './support/openai-compatible-server.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

// gpt-4o-mini at OpenAI's catalog price: $0.15 per million input tokens, $0.60 per million output tokens.
const PROMPT_TOKENS = 200_000;
const COMPLETION_TOKENS = 1_000;
const PER_REQUEST_USD = (PROMPT_TOKENS * 0.15 + COMPLETION_TOKENS * 0.6) / 1e6; // $0.0306
const CAP_USD = 0.2;
const CONCURRENCY = 3;
const ITEMS = 40;

describe('eval --max-cost against a local server priced from the catalog', () => {
  let directory: string;
  let server: OpenAICompatibleServer;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-max-cost-'));
    writeSyntheticMmlu(join(directory, 'data'), { subjects: 4, rowsPerSubject: ITEMS / 4 });
    server = await startOpenAICompatibleServer({
      models: ['gpt-4o-mini'],
      respond: () => ({
        text: 'The answer is (A)',
        ttftMs: 5,
        usage: {
          prompt_tokens: PROMPT_TOKENS,
          completion_tokens: COMPLETION_TOKENS,
          total_tokens: PROMPT_TOKENS + COMPLETION_TOKENS,
        },
      }),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const store = () => join(directory, 'parity.db');
  const evalArgs = (): string[] => [
    'eval',
    ...['--model', 'openai:gpt-4o-mini', '--base-url', server.url, '--bench', 'mmlu'],
    ...['--data-dir', join(directory, 'data'), '--limit', String(ITEMS), '--no-download'],
    ...['--concurrency', String(CONCURRENCY), '--no-adaptive-concurrency', '--store', store(), '--no-cache'],
  ];

  const lastUser = (messages: readonly { role: string; content: string }[]): string =>
    [...messages].reverse().find((message) => message.role === 'user')?.content ?? '';

  function storedSpend(runId: string): { items: number; usd: number; status: string; prompts: string[] } {
    const opened = openSqliteRunStore({ path: store() });
    try {
      const run = opened.getRun(runId);
      const usd = (run?.items ?? []).reduce(
        (sum, item) =>
          sum +
          ((item.response?.usage.inputTokens ?? 0) * 0.15 + (item.response?.usage.outputTokens ?? 0) * 0.6) /
            1e6,
        0,
      );
      const prompts = (run?.items ?? []).map((item) => lastUser(item.request.messages));
      return { items: run?.items.length ?? 0, usd, status: run?.status ?? 'missing', prompts };
    } finally {
      opened.close();
    }
  }

  it('asks on a terminal before a run estimated above --confirm-above; no starts nothing (exit 1)', async () => {
    const questions: string[] = [];
    const io = {
      ...captureIo({ cwd: directory }),
      confirm: (question: string) => {
        questions.push(question);
        return Promise.resolve(false);
      },
    };
    const code = await main([...evalArgs(), '--confirm-above', '0.001'], io);
    expect(code).toBe(1);
    expect(io.output.stderr).toMatch(
      /^estimate: 40 requests, ≈ [\d,]+ input tokens, ≤ [\d,]+ output tokens; \$\d+\.\d+ to \$\d+\.\d+ at list price/m,
    );
    expect(questions).toEqual([
      expect.stringMatching(/^This run may cost up to \$\d+\.\d+\. Start it\? \[y\/N\] $/),
    ]);
    expect(server.requests).toHaveLength(0);
    // --yes: not asked (the run is cut short by a cap too small for one request).
    const asked: string[] = [];
    const yes = {
      ...captureIo({ cwd: directory }),
      confirm: (question: string) => (asked.push(question), Promise.resolve(false)),
    };
    expect(
      await main([...evalArgs(), '--confirm-above', '0.001', '--yes', '--max-cost', '0.0001'], yes),
    ).toBe(3);
    expect(asked).toEqual([]);
    rmSync(store(), { force: true });
    server.requests.length = 0;
  });

  it('stops within one in-flight batch of the cap (exit 3, interrupted), and resume completes the run', async () => {
    const io = captureIo({ cwd: directory });
    const code = await main([...evalArgs(), '--max-cost', String(CAP_USD)], io);
    expect({ code, stderr: io.output.stderr }).toEqual({
      code: 3,
      stderr: expect.stringMatching(
        /parity: stopped at the spending cap: \$0\.2\d+ spent at list prices \(--max-cost \$0\.2\); \d+\/40 items stored; continue with 'parity resume \d{8}-\d{6}-\w{4}'\n$/,
      ) as string,
    });
    const runId = /parity resume (\S+)'/.exec(io.output.stderr)?.[1] ?? '';
    const stopped = storedSpend(runId);
    const needed = Math.ceil(CAP_USD / PER_REQUEST_USD); // the request that reaches the cap: 7
    expect(stopped.status).toBe('interrupted');
    expect(stopped.items).toBeGreaterThanOrEqual(needed);
    expect(stopped.items).toBeLessThanOrEqual(needed + CONCURRENCY - 1);
    expect(stopped.usd).toBeGreaterThanOrEqual(CAP_USD);
    expect(stopped.usd).toBeLessThan(CAP_USD + CONCURRENCY * PER_REQUEST_USD);
    // Requests sent: the stored ones and at most one batch in flight when the cap was reached.
    expect(server.requests.length).toBeLessThanOrEqual(stopped.items + CONCURRENCY);
    const sentBeforeResume = server.requests.length;

    const resumed = captureIo({ cwd: directory });
    expect(await main(['resume', runId, '--store', store(), '--no-cache'], resumed)).toBe(0);
    const finished = storedSpend(runId);
    expect({ status: finished.status, items: finished.items }).toEqual({ status: 'completed', items: ITEMS });
    // No stored item was requested again.
    const resent = server.requests
      .slice(sentBeforeResume)
      .map((request) => lastUser(request.messages))
      .filter((prompt) => stopped.prompts.includes(prompt));
    expect(resent).toEqual([]);
  });

  it('refuses --max-cost for a model without a list price (exit 2, one line)', async () => {
    const io = captureIo({ cwd: directory });
    const args = evalArgs().map((arg) => (arg === 'openai:gpt-4o-mini' ? 'openai:test-model' : arg));
    expect(await main([...args, '--max-cost', '1'], io)).toBe(2);
    expect(io.output.stderr).toBe(
      "parity: --max-cost: openai:test-model has no list price in the catalog, so its spend cannot be measured (see 'parity prices')\n",
    );
  });
});
