// `npm run bench`, part 2: the `parity bench` load generator against a plain HTTP load tool.
//
// 1. Client overhead: TTFT measured by the load generator at concurrency 1 minus the server's own time from
//    receiving each request to writing its first token (instant streaming server in another process, loopback).
//    Target: < 1 ms at p50.
// 2. Request rate: the load generator (closed loop, concurrency 16, streaming chat requests of 16 tokens, full
//    SSE parsing and per-chunk timestamps) against autocannon (same server, same body, 16 connections), each
//    for 5 s, twice, alternating, in this run. Target: load generator ≥ 80% of autocannon.
import autocannon from 'autocannon';
import { availableParallelism } from 'node:os';
import { systemLoadClock } from '../src/loadgen/load-clock.ts';
import { createLoadRandom } from '../src/loadgen/load-random.ts';
import { runLoadStep } from '../src/loadgen/run-load-step.ts';
import { createStreamingClient } from '../src/loadgen/streaming-client.ts';
import { measureClientOverhead } from '../test/support/measure-client-overhead.ts';
import { spawnDelayServer } from '../test/support/spawn-delay-server.ts';

const CONCURRENCY = 16;
const SECONDS = 5;
const OUTPUT_TOKENS = 16;
const PROMPT = 'the quick brown fox jumps over the lazy dog '.repeat(8).trim();

async function loadgenRate(url: string): Promise<number> {
  const clock = systemLoadClock();
  const client = createStreamingClient({
    baseUrl: url,
    modelId: 'bench',
    endpoint: 'chat',
    maxSockets: CONCURRENCY,
    now: clock.now,
    timeoutMs: 10_000,
  });
  try {
    const result = await runLoadStep({
      client,
      load: { type: 'concurrency', concurrency: CONCURRENCY },
      nextRequest: () => ({ prompt: PROMPT, maxTokens: OUTPUT_TOKENS, ignoreEos: true }),
      durationMs: SECONDS * 1000,
      clock,
      random: createLoadRandom(0),
    });
    const failed = result.outcomes.filter((outcome) => outcome.error).length;
    if (failed > 0) console.log(`  warning: ${failed} load generator requests failed`);
    return (result.outcomes.length - failed) / ((result.endMs - result.startMs) / 1000);
  } finally {
    client.close();
  }
}

async function autocannonRate(url: string): Promise<number> {
  const result = await autocannon({
    url: `${url}/chat/completions`,
    connections: CONCURRENCY,
    duration: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'bench',
      messages: [{ role: 'user', content: PROMPT }],
      max_tokens: OUTPUT_TOKENS,
      stream: true,
      stream_options: { include_usage: true },
      ignore_eos: true,
      min_tokens: OUTPUT_TOKENS,
    }),
  });
  if (result.errors > 0 || result.non2xx > 0)
    console.log(`  warning: autocannon saw ${result.errors} errors, ${result.non2xx} non-2xx`);
  return result.requests.total / result.duration;
}

const server = await spawnDelayServer({ ttftMs: 0, perTokenMs: 0 });
try {
  console.log('');
  console.log(
    `parity bench load generator (machine: ${availableParallelism()} cores, node ${process.version})`,
  );
  const overhead = await measureClientOverhead({ server, requests: 500 });
  console.log(
    `  client overhead on TTFT at concurrency 1 (500 requests, loopback): p50 ${overhead.p50Ms.toFixed(3)} ms, p90 ${overhead.p90Ms.toFixed(3)} ms (target p50 < 1 ms)`,
  );
  const loadgen: number[] = [];
  const cannon: number[] = [];
  for (let round = 0; round < 2; round++) {
    cannon.push(await autocannonRate(server.url));
    loadgen.push(await loadgenRate(server.url));
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  console.log(
    `  request rate, concurrency ${CONCURRENCY}, streaming ${OUTPUT_TOKENS}-token replies, ${SECONDS} s × 2 each:`,
  );
  console.log(
    `    autocannon        ${cannon
      .map((rate) => rate.toFixed(0))
      .join(', ')
      .padStart(14)} requests/s`,
  );
  console.log(
    `    parity loadgen    ${loadgen
      .map((rate) => rate.toFixed(0))
      .join(', ')
      .padStart(14)} requests/s`,
  );
  console.log(
    `    ratio             ${(mean(loadgen) / mean(cannon)).toFixed(2)}× autocannon (target ≥ 0.80)`,
  );
} finally {
  await server.stop();
}
