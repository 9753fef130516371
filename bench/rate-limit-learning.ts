// `node --import tsx bench/rate-limit-learning.ts` (also part of `npm run bench`): a polite client under a
// real rate limit. A local server allows 20 requests/s (OpenAI's token bucket: 20 at once, refilled evenly;
// `x-ratelimit-*` headers on every answer, 429 without Retry-After when empty, as OpenAI often answers);
// 600 requests at concurrency 64 through the runner with its gate, adaptive rate control on, beside the same
// run with it off. Prints requests refused and efficiency (the server's capacity time ÷ the run's time).
// Target: ≤ 60 refused with efficiency ≥ 0.97. Prints, never fails.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAIChatModel } from '../src/providers/openai/openai-chat-model.ts';
import { createRequestGate } from '../src/runner/request-gate.ts';
import { runRequests, type PlannedRequest } from '../src/runner/run-requests.ts';

const RATE = 20;
const BURST = 20;
const ITEMS = 600;
const CONCURRENCY = 64;

async function startLimitedServer() {
  let tokens = BURST;
  let last = performance.now();
  let refused = 0;
  let accepted = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const now = performance.now();
      tokens = Math.min(BURST, tokens + ((now - last) / 1000) * RATE);
      last = now;
      const allowed = tokens >= 1;
      if (allowed) tokens -= 1;
      const headers = {
        'x-ratelimit-limit-requests': String(BURST),
        'x-ratelimit-remaining-requests': String(Math.floor(tokens)),
        'x-ratelimit-reset-requests': `${Math.ceil(((BURST - tokens) / RATE) * 1000)}ms`,
      };
      if (!allowed) {
        refused += 1;
        response.writeHead(429, { 'content-type': 'application/json', ...headers });
        response.end(
          JSON.stringify({
            error: {
              message: 'Rate limit reached for requests',
              type: 'requests',
              code: 'rate_limit_exceeded',
            },
          }),
        );
        return;
      }
      accepted += 1;
      const chunk = (delta: unknown, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      response.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
      response.end(`${chunk({ content: 'ok' }, null)}${chunk({}, 'stop')}data: [DONE]\n\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    counts: () => ({ refused, accepted }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function run(adaptive: boolean) {
  const server = await startLimitedServer();
  const model = createOpenAIChatModel({ baseUrl: server.url, modelId: 'm', now: () => performance.now() });
  const gate = createRequestGate({ ceiling: CONCURRENCY, adaptive, now: () => performance.now() });
  const plan: PlannedRequest[] = Array.from({ length: ITEMS }, (_, index) => ({
    itemId: String(index),
    sample: 0,
    request: { messages: [{ role: 'user', content: `question ${index}` }], parameters: { maxTokens: 4 } },
    cacheKey: String(index),
  }));
  const started = performance.now();
  const result = await runRequests({
    model,
    plan,
    concurrency: CONCURRENCY,
    maxRetries: 50,
    timeoutMs: 30_000,
    getCached: () => undefined,
    onOutcome: () => undefined,
    gate,
    retryMaxDelayMs: 5000,
  });
  const seconds = (performance.now() - started) / 1000;
  await server.close();
  const ideal = (ITEMS - BURST) / RATE;
  return { ...server.counts(), failed: result.failed, seconds, efficiency: ideal / seconds };
}

const learned = await run(true);
const baseline = await run(false);
const line = (label: string, figures: Awaited<ReturnType<typeof run>>) =>
  `  ${label.padEnd(34)} ${String(figures.refused).padStart(5)} refused  efficiency ${figures.efficiency.toFixed(3)}  (${figures.seconds.toFixed(1)} s, ${figures.failed} failed)`;
console.log(`rate limits: ${ITEMS} requests at concurrency ${CONCURRENCY}, server allows ${RATE} requests/s`);
console.log(line('adaptive rate control (learned)', learned));
console.log(line('baseline: adaptive control off', baseline));
console.log('  target: ≤ 60 refused with efficiency ≥ 0.97');
