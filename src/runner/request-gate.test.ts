import { describe, expect, it } from 'vitest';
import { CancelledError, ProviderError } from '../spec/index.ts';
import { createRequestGate, type LimitChange, type RequestPermit } from './request-gate.ts';

const noTokens = { inputTokens: 0, outputTokens: 0 };
const tooManyRequests = new ProviderError({
  provider: 'fake',
  message: 'HTTP 429',
  statusCode: 429,
  isRetryable: true,
});

/** A fake clock whose sleep advances it (and records the waits). */
function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; waits: number[] } {
  let nowMs = 0;
  const waits: number[] = [];
  return {
    now: () => nowMs,
    sleep: async (ms) => {
      waits.push(ms);
      // Callers already admitted note their start time before the clock moves on.
      await new Promise((resolve) => setImmediate(resolve));
      nowMs += ms;
    },
    waits,
  };
}

/** Lets pending promise callbacks run. */
async function settle(): Promise<void> {
  for (let index = 0; index < 5; index += 1) await Promise.resolve();
}

describe('createRequestGate', () => {
  it('hands out at most `ceiling` slots, in arrival order', async () => {
    const gate = createRequestGate({ ceiling: 2, adaptive: false, now: () => 0 });
    const order: number[] = [];
    const permits: RequestPermit[] = [];
    for (let index = 0; index < 5; index += 1) {
      void gate.acquire({ tokens: noTokens }).then((permit) => {
        order.push(index);
        permits.push(permit);
      });
    }
    await settle();
    expect(order).toEqual([0, 1]);
    expect(gate.snapshot()).toMatchObject({ inFlight: 2, waiting: 3, limit: 2 });
    permits[0]?.release({ type: 'ok', usage: {} });
    permits[0]?.release({ type: 'ok', usage: {} }); // counted once
    await settle();
    expect(order).toEqual([0, 1, 2]);
    expect(gate.snapshot()).toMatchObject({ inFlight: 2, waiting: 2 });
  });

  it('halves the limit on 429, 503, 529 or overloaded_error and lets fewer calls start', async () => {
    const changes: LimitChange[] = [];
    const gate = createRequestGate({
      ceiling: 8,
      adaptive: true,
      now: () => 0,
      onLimitChange: (change) => changes.push(change),
    });
    const permits = await Promise.all(Array.from({ length: 8 }, () => gate.acquire({ tokens: noTokens })));
    permits[0]?.release({ type: 'error', error: tooManyRequests });
    // The other answers to the same burst do not cut again.
    permits[1]?.release({ type: 'error', error: tooManyRequests });
    expect(gate.snapshot()).toMatchObject({ limit: 4, inFlight: 6, overloadAnswers: 2 });
    expect(changes).toEqual([{ reason: 'congestion', previousLimit: 8, limit: 4 }]);
    // Six still in flight above a limit of 4: a new caller waits until only 3 are left.
    let started: RequestPermit | undefined;
    void gate.acquire({ tokens: noTokens }).then((permit) => (started = permit));
    for (const permit of permits.slice(2, 4)) permit.release({ type: 'ok', usage: {} });
    await settle();
    expect(started).toBeUndefined();
    permits[4]?.release({ type: 'ok', usage: {} });
    await settle();
    expect(gate.snapshot()).toMatchObject({ inFlight: 4, waiting: 0 });
    for (const permit of [started, ...permits.slice(5)])
      permit?.release({ type: 'error', error: new Error('x') });
    // A call sent after the cut that meets overload cuts again; other errors do not.
    const next = await gate.acquire({ tokens: noTokens });
    next.release({ type: 'error', error: new Error('anthropic: HTTP 500: {"type":"overloaded_error"}') });
    expect(gate.snapshot().limit).toBe(2);
    const timedOut = await gate.acquire({ tokens: noTokens });
    timedOut.release({
      type: 'error',
      error: new ProviderError({ provider: 'fake', message: 'timed out', isRetryable: true }),
    });
    expect(gate.snapshot()).toMatchObject({ limit: 2, lowestLimit: 2, overloadAnswers: 3 });
  });

  it('keeps the limit at the ceiling when adaptive concurrency is off', async () => {
    const gate = createRequestGate({ ceiling: 4, adaptive: false, now: () => 0 });
    const permit = await gate.acquire({ tokens: noTokens });
    permit.release({ type: 'error', error: tooManyRequests });
    expect(gate.snapshot()).toMatchObject({ adaptive: false, limit: 4, overloadAnswers: 1 });
  });

  it('starts no more than N calls in any 60 s window on a fake clock', async () => {
    const clock = fakeClock();
    const gate = createRequestGate({ ceiling: 4, adaptive: true, requestsPerMinute: 3, ...clock });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const permit = await gate.acquire({ tokens: noTokens });
        starts.push(clock.now());
        permit.release({ type: 'ok', usage: {} });
      }),
    );
    expect(starts).toEqual([0, 0, 0, 60_000, 60_000, 60_000, 120_000, 120_000, 120_000, 180_000]);
  });

  it('counts estimated tokens before the call and the reported ones after', async () => {
    const clock = fakeClock();
    const gate = createRequestGate({ ceiling: 4, adaptive: false, tokensPerMinute: 1000, ...clock });
    const first = await gate.acquire({ tokens: { inputTokens: 100, outputTokens: 800 } });
    expect(gate.snapshot()).toMatchObject({ requestsInWindow: 1, tokensInWindow: 900 });
    first.release({ type: 'ok', usage: { inputTokens: 90, outputTokens: 30 } });
    expect(gate.snapshot().tokensInWindow).toBe(120);
    // Unknown output tokens stay at the estimate.
    const second = await gate.acquire({ tokens: { inputTokens: 100, outputTokens: 500 } });
    second.release({ type: 'ok', usage: { inputTokens: 80 } });
    expect(gate.snapshot().tokensInWindow).toBe(700);
    await gate.acquire({ tokens: { inputTokens: 200, outputTokens: 200 } });
    expect(clock.waits).toEqual([60_000]);
  });

  it('starts calls paced by the learned rate in arrival order, and at once again when nothing is paced', async () => {
    const clock = fakeClock();
    const gate = createRequestGate({ ceiling: 8, adaptive: true, now: clock.now, sleep: clock.sleep });
    const first = await gate.acquire({ tokens: noTokens });
    expect(clock.waits).toEqual([]);
    // 60 a minute, 10 used, full again in 10 s: about one start per second from now on.
    first.release({
      type: 'ok',
      usage: {},
      rateLimit: { limitRequests: 60, remainingRequests: 50, resetRequestsMs: 10_000 },
    });
    const order: string[] = [];
    const startedAt: number[] = [];
    const permits = await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) =>
        gate.acquire({ tokens: noTokens }).then((permit) => {
          order.push(name);
          startedAt.push(clock.now());
          return permit;
        }),
      ),
    );
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    for (let index = 1; index < startedAt.length; index += 1) {
      expect((startedAt[index] ?? 0) - (startedAt[index - 1] ?? 0)).toBeGreaterThan(1000);
    }
    // The server stops saying anything about a limit: no rate is learned from an answer without headers, the
    // pace stays, and a later call waits its turn behind the others.
    for (const permit of permits) permit.release({ type: 'ok', usage: {} });
    const waitsBefore = clock.waits.length;
    await gate.acquire({ tokens: noTokens });
    expect(clock.waits.length).toBeGreaterThan(waitsBefore);
    expect(gate.snapshot()).toMatchObject({ inFlight: 1, waiting: 0 });
  });

  it('gives permits at once while nothing limits the rate, one slot each', async () => {
    const gate = createRequestGate({ ceiling: 3, adaptive: true, now: () => 0 });
    const permits = await Promise.all([0, 1, 2].map(() => gate.acquire({ tokens: noTokens })));
    expect(gate.snapshot()).toMatchObject({ inFlight: 3, waiting: 0 });
    const fourth = gate.acquire({ tokens: noTokens });
    await settle();
    expect(gate.snapshot()).toMatchObject({ inFlight: 3, waiting: 1 });
    permits[0]?.release({ type: 'ok', usage: {} });
    await fourth;
    expect(gate.snapshot()).toMatchObject({ inFlight: 3, waiting: 0 });
    const controller = new AbortController();
    controller.abort();
    permits[1]?.release({ type: 'ok', usage: {} });
    await expect(gate.acquire({ tokens: noTokens, signal: controller.signal })).rejects.toBeInstanceOf(
      CancelledError,
    );
    expect(gate.snapshot()).toMatchObject({ inFlight: 2, waiting: 0 });
  });

  it('rejects with CancelledError and frees the slot when the caller cancels while waiting', async () => {
    const gate = createRequestGate({ ceiling: 1, adaptive: true, now: () => 0 });
    const held = await gate.acquire({ tokens: noTokens });
    const controller = new AbortController();
    const waiting = gate.acquire({ tokens: noTokens, signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    held.release({ type: 'ok', usage: {} });
    expect(gate.snapshot()).toMatchObject({ inFlight: 0, waiting: 0 });
  });
});
