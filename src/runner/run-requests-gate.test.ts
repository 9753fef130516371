import { describe, expect, it } from 'vitest';
import { ProviderError } from '../spec/index.ts';
import type { GenerateResult, LanguageModel } from '../spec/index.ts';
import { createRequestGate } from './request-gate.ts';
import { runRequests, type PlannedRequest } from './run-requests.ts';

/** A model that answers 429 to any call arriving while `capacity` calls are already being served. */
function congestibleModel(capacity: number): LanguageModel & { arrivals: number[]; served: () => number } {
  let serving = 0;
  let arriving = 0;
  let served = 0;
  // Calls in flight at each arrival (the arrival included), accepted or not.
  const arrivals: number[] = [];
  return {
    identity: { provider: 'fake', endpoint: 'memory://', modelId: 'fake-1' },
    arrivals,
    served: () => served,
    async generate(): Promise<GenerateResult> {
      arriving += 1;
      arrivals.push(arriving);
      try {
        if (serving >= capacity) {
          // A refusal takes a round trip too (turns of the event loop, not timers: the order of events is then
          // the same however loaded the machine is).
          await turns(1);
          throw new ProviderError({
            provider: 'fake',
            message: 'HTTP 429',
            statusCode: 429,
            isRetryable: true,
          });
        }
        serving += 1;
        await turns(2);
        serving -= 1;
        served += 1;
        return { text: 'ok', finishReason: 'stop', usage: {}, timing: { totalMs: 2 }, prefillApplied: false };
      } finally {
        arriving -= 1;
      }
    },
  };
}

/** Waits `count` turns of the event loop (setImmediate runs in order, unlike timers on a busy machine). */
async function turns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

function plan(count: number): PlannedRequest[] {
  return Array.from({ length: count }, (_, index) => ({
    itemId: String(index),
    sample: 0,
    request: { messages: [{ role: 'user', content: `question ${index}` }], parameters: {} },
    cacheKey: `key-${index}`,
  }));
}

describe('runRequests with a request gate', () => {
  it('converges on what the server can take and completes every request', async () => {
    const capacity = 4;
    const model = congestibleModel(capacity);
    // The clock stands still here, so only the concurrency limit adapts (a rate needs time to pass).
    const gate = createRequestGate({ ceiling: 16, adaptive: true, learnRate: false, now: () => 0 });
    const outcomes: string[] = [];
    const result = await runRequests({
      model,
      plan: plan(300),
      concurrency: 16,
      maxRetries: 100,
      timeoutMs: 10_000,
      getCached: () => undefined,
      onOutcome: (outcome) => outcomes.push(outcome.planned.itemId),
      gate,
      sleep: async () => undefined,
    });
    expect(result).toEqual({ completed: 300, failed: 0, cancelled: false });
    expect(new Set(outcomes).size).toBe(300);
    const secondHalf = model.arrivals.slice(model.arrivals.length / 2);
    expect(model.arrivals[15]).toBe(16); // the first burst used the whole ceiling
    expect(Math.max(...secondHalf)).toBeLessThanOrEqual(capacity + 1);
    expect(Math.max(...secondHalf)).toBeGreaterThanOrEqual(capacity);
    expect(gate.snapshot()).toMatchObject({ inFlight: 0, waiting: 0 });
    expect(gate.snapshot().limit).toBeLessThanOrEqual(capacity + 1);
  });

  it('behaves as before when no overload answer comes', async () => {
    const model = congestibleModel(100);
    const gate = createRequestGate({ ceiling: 8, adaptive: true, now: () => 0 });
    const result = await runRequests({
      model,
      plan: plan(40),
      concurrency: 8,
      maxRetries: 0,
      timeoutMs: 10_000,
      getCached: () => undefined,
      onOutcome: () => undefined,
      gate,
    });
    expect(result).toEqual({ completed: 40, failed: 0, cancelled: false });
    expect(Math.max(...model.arrivals)).toBe(8);
    expect(gate.snapshot()).toMatchObject({ limit: 8, lowestLimit: 8, overloadAnswers: 0 });
  });
});
