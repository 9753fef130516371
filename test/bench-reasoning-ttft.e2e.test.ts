import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { readBenchStepRecord } from '../src/report/bench-step-record.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';

/**
 * A reasoning model's stream as DeepSeek documents it (api-docs.deepseek.com/guides/reasoning_model, "streaming":
 * chunks carry `choices[0].delta.reasoning_content` first, then `choices[0].delta.content`) and as vLLM's
 * reasoning parsers send it (docs.vllm.ai features/reasoning_outputs, "Streaming chat completions": `delta`
 * with `reasoning_content` — newer releases name it `reasoning` — before any `content`): a role-only chunk at
 * once, reasoning deltas from `thinkAtMs`, answer deltas from `answerAtMs`, a finish chunk and the usage chunk
 * (`stream_options.include_usage`). Every delay is from the request's arrival, on the server's clock.
 */
const thinkAtMs = 40;
const answerAtMs = 260;

function startReasoningServer(reasoningField: 'reasoning_content' | 'reasoning'): Promise<Server> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const server = createServer((request, response) => {
    const arrived = performance.now();
    const until = (ms: number) => sleep(Math.max(0, arrived + ms - performance.now()));
    request.resume();
    request.on('end', () => {
      void (async () => {
        const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model: 'r1' };
        const send = (choices: unknown[], extra: Record<string, unknown> = {}) =>
          response.write(`data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`);
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        send([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
        await until(thinkAtMs);
        for (const piece of ['Okay,', ' so', ' the', ' user']) {
          send([{ index: 0, delta: { content: null, [reasoningField]: piece }, finish_reason: null }]);
          await sleep(5);
        }
        await until(answerAtMs);
        for (const piece of ['The', ' answer', ' is', ' 4.']) {
          send([{ index: 0, delta: { content: piece, [reasoningField]: null }, finish_reason: null }]);
          await sleep(5);
        }
        send([{ index: 0, delta: { content: '' }, finish_reason: 'stop' }]);
        send([], {
          usage: {
            prompt_tokens: 8,
            completion_tokens: 8,
            total_tokens: 16,
            completion_tokens_details: { reasoning_tokens: 4 },
          },
        });
        response.end('data: [DONE]\n\n');
      })();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.each(['reasoning_content', 'reasoning'] as const)(
  'parity bench against a reasoning model streaming %s before content',
  (reasoningField) => {
    let directory: string;
    let server: Server;
    let url: string;
    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'parity-bench-reasoning-'));
      server = await startReasoningServer(reasoningField);
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(directory, { recursive: true, force: true });
    });

    it('reports TTFT at the first reasoning token and at the first content token (table, --json, store)', async () => {
      const io = captureIo({ cwd: directory });
      const storePath = join(directory, 'parity.db');
      const code = await main(
        [
          'bench',
          ...['--model', 'openai:r1', '--base-url', url, '--concurrency', '2', '--requests', '4'],
          ...['--input-tokens', '8', '--output-tokens', '8', '--no-early-stop'],
          ...['--store', storePath, '--json', 'bench.json'],
        ],
        io,
      );
      expect(code, io.output.stderr).toBe(0);
      expect(io.output.stdout).toMatch(/^\s+TTFT reasoning\s/m);
      expect(io.output.stdout).toMatch(/^\s+TTFT content\s/m);

      const [step] = JSON.parse(readFileSync(join(directory, 'bench.json'), 'utf8')) as Record<
        string,
        number
      >[];
      // The client cannot see a token before the server wrote it: server-stamped lower bounds only.
      expect(step?.median_ttft_reasoning_ms).toBeGreaterThanOrEqual(thinkAtMs - 1);
      expect(step?.median_ttft_content_ms).toBeGreaterThanOrEqual(answerAtMs - 1);
      // Server and client share this process's event loop: when the machine stalls it past the server's
      // answerAtMs, the client reads the reasoning and the content chunks in one read and stamps them alike. So
      // the order is "not before" (the lower bounds above tell the two stamps apart on an idle machine).
      expect(step?.median_ttft_content_ms).toBeGreaterThanOrEqual(step?.median_ttft_reasoning_ms ?? Infinity);
      // parity's TTFT is the first output token of either kind: the reasoning one here.
      expect(step?.median_ttft_ms).toBe(step?.median_ttft_reasoning_ms);

      const store = openSqliteRunStore({ path: storePath });
      try {
        const [run] = store.listRuns();
        const [item] = store.getRun(run?.runId ?? '')?.items ?? [];
        const record = readBenchStepRecord(item!, { runId: run?.runId ?? '' });
        expect(record.metrics.ttftReasoning?.count).toBe(4);
        expect(record.metrics.ttftContent?.count).toBe(4);
        for (const request of record.requests) {
          expect(request.ttftReasoningMs).toBe(request.ttftMs);
          expect(request.ttftContentMs! - request.ttftReasoningMs!).toBeGreaterThanOrEqual(0);
          expect(request.ttftContentMs).toBeGreaterThanOrEqual(answerAtMs - 1);
        }
      } finally {
        store.close();
      }
    }, 30_000);
  },
);
