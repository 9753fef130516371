import { describe, expect, it } from 'vitest';
import { CancelledError, ProviderError } from '../spec/index.ts';
import type { CallOptions, GenerateResult, LanguageModel } from '../spec/index.ts';
import { startModelCall } from './generate-with-timeout.ts';

const answer: GenerateResult = {
  text: 'B',
  finishReason: 'stop',
  usage: { inputTokens: 3, outputTokens: 1 },
  timing: { totalMs: 1 },
  prefillApplied: false,
};

/** Test double of an external model: `respond` decides each call; the options it got are kept. */
function fakeModel(respond: (options: CallOptions) => Promise<GenerateResult>) {
  const seen: CallOptions[] = [];
  const model: LanguageModel = {
    identity: { provider: 'fake', endpoint: 'memory://', modelId: 'fake-1' },
    generate(_request, options) {
      seen.push(options);
      return respond(options);
    },
  };
  return { model, seen };
}

const request = { messages: [{ role: 'user' as const, content: 'Q?' }], parameters: {} };
const timers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;

describe('startModelCall', () => {
  it("resolves with the model's answer, passing it the timeout and a signal, and leaves no timer", async () => {
    const { model, seen } = fakeModel(async () => answer);
    const before = timers();
    const call = startModelCall({ model, request, timeoutMs: 60_000 });
    await expect(call.result).resolves.toBe(answer);
    expect(seen[0]?.timeoutMs).toBe(60_000);
    expect(seen[0]?.signal?.aborted).toBe(false);
    expect(timers()).toBe(before);
    call.cancel();
    expect(seen[0]?.signal?.aborted).toBe(false);
  });

  it('cancels: rejects with CancelledError at once and aborts the signal the model holds', async () => {
    const { model, seen } = fakeModel(() => new Promise<GenerateResult>(() => undefined));
    const before = timers();
    const call = startModelCall({ model, request, timeoutMs: 60_000 });
    call.cancel();
    await expect(call.result).rejects.toBeInstanceOf(CancelledError);
    expect(seen[0]?.signal?.aborted).toBe(true);
    expect(timers()).toBe(before);
  });

  it('times out a model that ignores its signal, and ignores its answer after that', async () => {
    let answerLate: (result: GenerateResult) => void = () => undefined;
    const { model, seen } = fakeModel(() => new Promise<GenerateResult>((resolve) => (answerLate = resolve)));
    const call = startModelCall({ model, request, timeoutMs: 5 });
    const error: unknown = await call.result.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ isRetryable: true, message: 'fake: request timed out after 5 ms' });
    expect(seen[0]?.signal?.aborted).toBe(true);
    answerLate(answer);
    call.cancel();
    await expect(call.result).rejects.toBe(error);
  });

  it('passes no timeout and sets no timer when there is no limit', async () => {
    const { model, seen } = fakeModel(async () => answer);
    const before = timers();
    const call = startModelCall({ model, request, timeoutMs: Number.POSITIVE_INFINITY });
    expect(timers()).toBe(before);
    await expect(call.result).resolves.toBe(answer);
    expect(seen[0] && 'timeoutMs' in seen[0]).toBe(false);
  });

  it('keeps one timer for many calls in flight and none once they are done', async () => {
    const { model } = fakeModel(() => new Promise<GenerateResult>(() => undefined));
    const before = timers();
    const calls = Array.from({ length: 10 }, () => startModelCall({ model, request, timeoutMs: 60_000 }));
    expect(timers()).toBe(before + 1);
    for (const call of calls.slice(0, 9)) call.cancel();
    expect(timers()).toBe(before + 1);
    calls[9]?.cancel();
    expect(timers()).toBe(before);
    await Promise.allSettled(calls.map((call) => call.result));
    // A later call arms the timer again.
    const again = startModelCall({ model, request, timeoutMs: 60_000 });
    expect(timers()).toBe(before + 1);
    again.cancel();
    expect(timers()).toBe(before);
    await expect(again.result).rejects.toBeInstanceOf(CancelledError);
  });

  it('times out each call at its own deadline, never before it, while calls around it answer', async () => {
    let answerFirst: (result: GenerateResult) => void = () => undefined;
    const respond: ((options: CallOptions) => Promise<GenerateResult>)[] = [
      () => new Promise<GenerateResult>((resolve) => (answerFirst = resolve)),
      () => new Promise<GenerateResult>(() => undefined),
      () => new Promise<GenerateResult>(() => undefined),
    ];
    let index = 0;
    const { model, seen } = fakeModel((options) => (respond[index++] as (typeof respond)[0])(options));
    const before = timers();
    const startedAt: number[] = [];
    const endedAt: number[] = [];
    const start = () => {
      startedAt.push(performance.now());
      const call = startModelCall({ model, request, timeoutMs: 40 });
      const position = startedAt.length - 1;
      void call.result.then(
        () => (endedAt[position] = performance.now()),
        () => (endedAt[position] = performance.now()),
      );
      return call;
    };
    const first = start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const third = start();
    answerFirst(answer);
    await expect(first.result).resolves.toBe(answer);
    await expect(second.result).rejects.toThrow('request timed out after 40 ms');
    await expect(third.result).rejects.toThrow('request timed out after 40 ms');
    expect((endedAt[1] ?? 0) - (startedAt[1] ?? 0)).toBeGreaterThanOrEqual(39);
    expect((endedAt[2] ?? 0) - (startedAt[2] ?? 0)).toBeGreaterThanOrEqual(39);
    expect(endedAt[1]).toBeLessThan(endedAt[2] ?? 0);
    expect(seen.map((options) => options.signal?.aborted)).toEqual([false, true, true]);
    // (Another test's timer may have been running when `before` was counted.)
    expect(timers()).toBeLessThanOrEqual(before);
  });
  it('stops the call through its cancellation without making a signal; one read later is already aborted', async () => {
    const made = { count: 0 };
    const RealAbortController = globalThis.AbortController;
    globalThis.AbortController = class extends RealAbortController {
      constructor() {
        super();
        made.count += 1;
      }
    };
    try {
      const { model, seen } = fakeModel(() => new Promise<GenerateResult>(() => undefined));
      const call = startModelCall({ model, request, timeoutMs: 5 });
      const cancellation = seen[0]?.cancellation;
      const told: unknown[] = [];
      const dropped = () => told.push('dropped');
      cancellation?.watch(() => told.push(cancellation.reason));
      cancellation?.watch(dropped);
      cancellation?.unwatch(dropped);
      expect(cancellation?.fired).toBe(false);
      const error: unknown = await call.result.catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ message: 'fake: request timed out after 5 ms' });
      expect(cancellation?.fired).toBe(true);
      expect(told).toEqual([error]);
      expect(made.count).toBe(0);
      expect(seen[0]?.signal?.aborted).toBe(true);
      expect(seen[0]?.signal?.reason).toBe(error);
      expect(made.count).toBe(1);
    } finally {
      globalThis.AbortController = RealAbortController;
    }
  });

  it('aborts a signal read before the end, also from options the model spread, with the same reason', async () => {
    const { model, seen } = fakeModel(() => new Promise<GenerateResult>(() => undefined));
    const call = startModelCall({ model, request, timeoutMs: 60_000 });
    const copied = { ...seen[0] };
    const reasons: unknown[] = [];
    copied.signal?.addEventListener('abort', () => reasons.push(copied.signal?.reason));
    expect(copied.timeoutMs).toBe(60_000);
    call.cancel();
    await expect(call.result).rejects.toBeInstanceOf(CancelledError);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(CancelledError);
    expect(seen[0]?.signal).toBe(copied.signal);
    expect(seen[0]?.cancellation?.reason).toBe(reasons[0]);
  });
});
