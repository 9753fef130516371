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
});
