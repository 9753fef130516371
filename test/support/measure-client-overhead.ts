import { systemLoadClock } from '../../src/loadgen/load-clock.ts';
import { createStreamingClient } from '../../src/loadgen/streaming-client.ts';
import { quantile } from '../../src/stats/latency-stats.ts';
import type { SpawnedDelayServer } from './spawn-delay-server.ts';

/**
 * Sends `requests` streaming requests one at a time to an instant delay server (in another process) and
 * returns, per request, the client's TTFT minus the server's own time from receiving the request to writing
 * the first token: what the client and loopback add. Also the p50 and p90 of that difference.
 */
export async function measureClientOverhead(options: {
  server: SpawnedDelayServer;
  requests: number;
}): Promise<{ addedMs: number[]; p50Ms: number; p90Ms: number }> {
  const clock = systemLoadClock();
  const client = createStreamingClient({
    baseUrl: options.server.url,
    modelId: 'instant',
    endpoint: 'chat',
    maxSockets: 1,
    now: clock.now,
    timeoutMs: 10_000,
  });
  try {
    const before = (await options.server.truths()).length;
    const request = { prompt: 'one two three four', maxTokens: 4, ignoreEos: true };
    for (let index = 0; index < 20; index++) await client.send(request); // warm-up: connection and JIT
    const outcomes = [];
    for (let index = 0; index < options.requests; index++) outcomes.push(await client.send(request));
    const truths = (await options.server.truths()).slice(before + 20);
    const addedMs = outcomes.map((outcome, index) => {
      const truth = truths[index];
      const clientTtft = (outcome.textChunkTimesMs[0] ?? Number.NaN) - outcome.startMs;
      const serverTtft = (truth?.tokenWrittenMs[0] ?? Number.NaN) - (truth?.receivedMs ?? Number.NaN);
      return clientTtft - serverTtft;
    });
    const sorted = [...addedMs].sort((a, b) => a - b);
    return {
      addedMs,
      p50Ms: quantile(sorted, 0.5) ?? Number.NaN,
      p90Ms: quantile(sorted, 0.9) ?? Number.NaN,
    };
  } finally {
    client.close();
  }
}
