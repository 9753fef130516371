import { describe, expect, it } from 'vitest';
import { ProviderError } from '../spec/index.ts';
import type {
  CallOptions,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  ModelResponse,
} from '../spec/index.ts';
import { runRequests } from './run-requests.ts';
import type { PlannedRequest, RequestOutcome, RunRequestsOptions } from './run-requests.ts';
import type { RunnerEvent } from './runner-event.ts';

/** Test double of an external model: `respond` decides each call. */
function fakeModel(
  respond: (request: GenerateRequest, options: CallOptions, call: number) => Promise<GenerateResult>,
): LanguageModel & { calls: { request: GenerateRequest; options: CallOptions }[] } {
  const calls: { request: GenerateRequest; options: CallOptions }[] = [];
  return {
    identity: { provider: 'fake', endpoint: 'memory://', modelId: 'fake-1' },
    calls,
    generate(request, options) {
      calls.push({ request, options });
      return respond(request, options, calls.length);
    },
  };
}

function result(text: string): GenerateResult {
  return {
    text,
    finishReason: 'stop',
    usage: { inputTokens: 10, outputTokens: 2 },
    timing: { totalMs: 1 },
    prefillApplied: false,
    responseId: 'resp-1',
  };
}

function responseOf(text: string): ModelResponse {
  const { responseId: _responseId, ...response } = result(text);
  return response;
}

function plan(count: number): PlannedRequest[] {
  return Array.from({ length: count }, (_, index) => ({
    itemId: String(index),
    sample: 0,
    request: { messages: [{ role: 'user', content: `question ${index}` }], parameters: { temperature: 0 } },
    cacheKey: `key-${index}`,
  }));
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects like a real provider when its signal aborts; never resolves otherwise. */
function hangUntilAborted(options: CallOptions): Promise<GenerateResult> {
  return new Promise((_resolve, reject) => {
    options.signal?.addEventListener('abort', () => reject(new Error('aborted by signal')), { once: true });
  });
}

function retryable(message: string, retryAfterMs?: number): ProviderError {
  return new ProviderError({ provider: 'fake', message, statusCode: 429, isRetryable: true, retryAfterMs });
}

/** Runs with recording callbacks and test defaults (no real waits, fixed jitter). */
async function run(options: Partial<RunRequestsOptions> & Pick<RunRequestsOptions, 'model' | 'plan'>) {
  const outcomes: RequestOutcome[] = [];
  const events: RunnerEvent[] = [];
  const sleeps: number[] = [];
  const runResult = await runRequests({
    concurrency: 4,
    maxRetries: 3,
    timeoutMs: 10_000,
    getCached: () => undefined,
    onOutcome: (outcome) => outcomes.push(outcome),
    onEvent: (event) => events.push(event),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { runResult, outcomes, events, sleeps };
}

describe('runRequests', () => {
  it('gives one outcome per planned request and never exceeds the concurrency', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const model = fakeModel(async (request) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await pause(1 + (request.messages[0]!.content.length % 3));
      inFlight -= 1;
      return result(`answer to ${request.messages[0]!.content}`);
    });
    const { runResult, outcomes, events } = await run({ model, plan: plan(40), concurrency: 5 });
    expect(runResult).toEqual({ completed: 40, failed: 0, cancelled: false });
    expect(mostInFlight).toBe(5);
    expect(outcomes.map((outcome) => outcome.planned.itemId).sort()).toEqual(
      plan(40)
        .map((p) => p.itemId)
        .sort(),
    );
    expect(outcomes[0]).toEqual({
      planned: outcomes[0]!.planned,
      response: responseOf(`answer to ${outcomes[0]!.planned.request.messages[0]!.content}`),
      cached: false,
      attempts: 1,
    });
    expect(events.filter((event) => event.type === 'request-start')).toHaveLength(40);
    expect(events.filter((event) => event.type === 'request-end')).toHaveLength(40);
  });

  it('pulls an async plan lazily', async () => {
    let pulled = 0;
    async function* lazyPlan(): AsyncGenerator<PlannedRequest> {
      for (const planned of plan(20)) {
        pulled += 1;
        yield planned;
      }
    }
    const pulledAtCall: number[] = [];
    const model = fakeModel(async () => {
      pulledAtCall.push(pulled);
      await pause(1);
      return result('ok');
    });
    const { outcomes } = await run({ model, plan: lazyPlan(), concurrency: 2 });
    expect(outcomes).toHaveLength(20);
    pulledAtCall.forEach((count, index) => expect(count).toBeLessThanOrEqual(index + 1));
  });

  it('retries retryable errors with exponential backoff and full jitter', async () => {
    const model = fakeModel(async (_request, _options, call) => {
      if (call <= 2) throw retryable(`overloaded ${call}`);
      return result('fine');
    });
    const { outcomes, events, sleeps } = await run({ model, plan: plan(1) });
    // random() = 0.5: half of 500 ms, then half of 1 000 ms.
    expect(sleeps).toEqual([250, 500]);
    expect(outcomes).toEqual([
      { planned: plan(1)[0], response: responseOf('fine'), cached: false, attempts: 3 },
    ]);
    expect(events).toEqual([
      { type: 'request-start', itemId: '0', sample: 0, attempt: 1 },
      { type: 'retry', itemId: '0', sample: 0, attempt: 1, delayMs: 250, message: 'fake: overloaded 1' },
      { type: 'request-start', itemId: '0', sample: 0, attempt: 2 },
      { type: 'retry', itemId: '0', sample: 0, attempt: 2, delayMs: 500, message: 'fake: overloaded 2' },
      { type: 'request-start', itemId: '0', sample: 0, attempt: 3 },
      {
        type: 'request-end',
        itemId: '0',
        sample: 0,
        status: 'ok',
        cached: false,
        attempts: 3,
        usage: { inputTokens: 10, outputTokens: 2 },
      },
    ]);
  });

  it('uses the configured backoff base and cap', async () => {
    const model = fakeModel(async () => {
      throw retryable('busy');
    });
    const { sleeps } = await run({
      model,
      plan: plan(1),
      maxRetries: 4,
      retryBaseDelayMs: 100,
      retryMaxDelayMs: 300,
      random: () => 0.999,
    });
    expect(sleeps).toEqual([99, 199, 299, 299]);
  });

  it('fails after the last retry with the last error', async () => {
    const model = fakeModel(async (_request, _options, call) => {
      throw retryable(`busy ${call}`);
    });
    const { runResult, outcomes } = await run({ model, plan: plan(1), maxRetries: 2 });
    expect(model.calls).toHaveLength(3);
    expect(runResult).toEqual({ completed: 0, failed: 1, cancelled: false });
    expect(outcomes[0]?.attempts).toBe(3);
    expect(outcomes[0]?.error?.message).toBe('fake: busy 3');
    expect(outcomes[0]?.response).toBeUndefined();
  });

  it('fails non-retryable errors at once and keeps going with the other items', async () => {
    const unauthorized = new ProviderError({
      provider: 'fake',
      message: 'bad key',
      statusCode: 401,
      isRetryable: false,
    });
    const model = fakeModel(async (request) => {
      if (request.messages[0]!.content === 'question 1') throw unauthorized;
      if (request.messages[0]!.content === 'question 2') throw new TypeError('a bug');
      return result('ok');
    });
    const { runResult, outcomes, sleeps } = await run({ model, plan: plan(4) });
    expect(sleeps).toEqual([]);
    expect(model.calls).toHaveLength(4);
    expect(runResult).toEqual({ completed: 2, failed: 2, cancelled: false });
    const failed = outcomes.filter((outcome) => outcome.error);
    expect(failed.map((outcome) => [outcome.planned.itemId, outcome.error, outcome.attempts])).toEqual([
      ['1', unauthorized, 1],
      ['2', new TypeError('a bug'), 1],
    ]);
  });

  it('lets the caller stop the whole run on an authentication error', async () => {
    const controller = new AbortController();
    const model = fakeModel(async (_request, _options, call) => {
      await pause(1);
      if (call === 2)
        throw new ProviderError({
          provider: 'fake',
          message: 'bad key',
          statusCode: 401,
          isRetryable: false,
        });
      return result('ok');
    });
    const seen: RequestOutcome[] = [];
    const { runResult } = await run({
      model,
      plan: plan(50),
      concurrency: 1,
      signal: controller.signal,
      onOutcome: (outcome) => {
        seen.push(outcome);
        if (outcome.error instanceof ProviderError && outcome.error.statusCode === 401) controller.abort();
      },
    });
    expect(runResult).toEqual({ completed: 1, failed: 1, cancelled: true });
    expect(model.calls).toHaveLength(2);
    expect(seen.map((outcome) => [outcome.planned.itemId, outcome.error?.message])).toEqual([
      ['0', undefined],
      ['1', 'fake: bad key'],
    ]);
  });

  it('rejects bad retry and timeout settings', async () => {
    const model = fakeModel(async () => result('never'));
    await expect(run({ model, plan: plan(1), maxRetries: -1 })).rejects.toThrow(
      /maxRetries: must be an integer/,
    );
    await expect(run({ model, plan: plan(1), timeoutMs: 0 })).rejects.toThrow(/timeoutMs: must be above 0/);
    await expect(run({ model, plan: plan(1), concurrency: 1.5 })).rejects.toThrow(
      /concurrency: must be an integer/,
    );
  });

  it('passes no timeout to the model when it is Infinity', async () => {
    const model = fakeModel(async () => result('ok'));
    await run({ model, plan: plan(1), timeoutMs: Number.POSITIVE_INFINITY });
    expect(model.calls[0]?.options.timeoutMs).toBeUndefined();
  });

  it('waits at least as long as Retry-After asks', async () => {
    const model = fakeModel(async (_request, _options, call) => {
      if (call === 1) throw retryable('rate limited', 7_000);
      return result('ok');
    });
    const { sleeps, outcomes } = await run({ model, plan: plan(1) });
    expect(sleeps).toEqual([7_000]);
    expect(outcomes[0]?.attempts).toBe(2);
  });

  it('times out a call, passing the timeout and a signal to the model, and retries it', async () => {
    const model = fakeModel(async (_request, options) => hangUntilAborted(options));
    const { outcomes, events } = await run({ model, plan: plan(1), timeoutMs: 20, maxRetries: 1 });
    expect(model.calls.map((call) => [call.options.timeoutMs, call.options.signal?.aborted])).toEqual([
      [20, true],
      [20, true],
    ]);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]?.attempts).toBe(2);
    expect(outcomes[0]?.error).toBeInstanceOf(ProviderError);
    expect(outcomes[0]?.error).toMatchObject({
      isRetryable: true,
      message: 'fake: request timed out after 20 ms',
    });
    expect(events.filter((event) => event.type === 'retry')).toHaveLength(1);
  });

  it('times out a model that ignores its signal', async () => {
    const model = fakeModel(() => new Promise<GenerateResult>(() => undefined));
    const { outcomes } = await run({ model, plan: plan(2), timeoutMs: 10, maxRetries: 0 });
    expect(outcomes.map((outcome) => outcome.error?.message)).toEqual([
      'fake: request timed out after 10 ms',
      'fake: request timed out after 10 ms',
    ]);
  });

  it('fails the request of a model that throws instead of returning a promise, and leaves no timer behind', async () => {
    const model: LanguageModel = {
      identity: { provider: 'fake', endpoint: 'memory://', modelId: 'fake-1' },
      generate() {
        throw new ProviderError({ provider: 'fake', message: 'bad request', isRetryable: false });
      },
    };
    const timers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const timersBefore = timers();
    const { outcomes } = await run({ model, plan: plan(2), timeoutMs: 60_000, maxRetries: 2 });
    expect(outcomes.map((outcome) => [outcome.error?.message, outcome.attempts])).toEqual([
      ['fake: bad request', 1],
      ['fake: bad request', 1],
    ]);
    expect(timers()).toBe(timersBefore);
  });

  it('serves cache hits without calling the model', async () => {
    const cachedResponse = responseOf('from cache');
    const model = fakeModel(async () => result('fresh'));
    const { runResult, outcomes, events } = await run({
      model,
      plan: plan(6),
      getCached: (cacheKey) => (Number(cacheKey.slice(4)) % 2 === 0 ? cachedResponse : undefined),
    });
    expect(runResult).toEqual({ completed: 6, failed: 0, cancelled: false });
    expect(model.calls.map((call) => call.request.messages[0]!.content)).toEqual([
      'question 1',
      'question 3',
      'question 5',
    ]);
    expect(
      outcomes
        .filter((outcome) => outcome.cached)
        .map((outcome) => [outcome.planned.itemId, outcome.response, outcome.attempts]),
    ).toEqual([
      ['0', cachedResponse, 0],
      ['2', cachedResponse, 0],
      ['4', cachedResponse, 0],
    ]);
    expect(events.filter((event) => event.type === 'request-start')).toHaveLength(3);
    expect(events.filter((event) => event.type === 'request-end' && event.cached)).toHaveLength(3);
  });

  it('on cancellation starts nothing new, aborts in-flight calls without outcomes, and resolves', async () => {
    const controller = new AbortController();
    const model = fakeModel(async (request, options) => {
      const index = Number(request.messages[0]!.content.slice('question '.length));
      if (index < 3) return result('quick');
      if (index === 4) setTimeout(() => controller.abort(), 5);
      return hangUntilAborted(options);
    });
    const { runResult, outcomes } = await run({
      model,
      plan: plan(100),
      concurrency: 2,
      signal: controller.signal,
    });
    expect(runResult).toEqual({ completed: 3, failed: 0, cancelled: true });
    expect(outcomes.map((outcome) => outcome.planned.itemId)).toEqual(['0', '1', '2']);
    expect(model.calls).toHaveLength(5);
    expect(model.calls.slice(3).every((call) => call.options.signal?.aborted)).toBe(true);
  });

  it('drops a request whose backoff wait is cancelled', async () => {
    const controller = new AbortController();
    const model = fakeModel(async () => {
      throw retryable('busy');
    });
    const { runResult, outcomes } = await run({
      model,
      plan: plan(1),
      signal: controller.signal,
      sleep: (ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new Error('sleep aborted')));
          controller.abort();
        }),
    });
    expect(runResult).toEqual({ completed: 0, failed: 0, cancelled: true });
    expect(outcomes).toEqual([]);
  });

  it('does nothing when cancelled before the start', async () => {
    const model = fakeModel(async () => result('never'));
    const { runResult } = await run({ model, plan: plan(3), signal: AbortSignal.abort() });
    expect(runResult).toEqual({ completed: 0, failed: 0, cancelled: true });
    expect(model.calls).toHaveLength(0);
  });

  it('stops and rejects when onOutcome throws', async () => {
    const storeFailure = new Error('disk full');
    const model = fakeModel(async (request, options) =>
      request.messages[0]!.content === 'question 0'
        ? pause(5).then(() => result('first'))
        : hangUntilAborted(options),
    );
    await expect(
      run({
        model,
        plan: plan(10),
        concurrency: 3,
        onOutcome: () => {
          throw storeFailure;
        },
      }),
    ).rejects.toBe(storeFailure);
    expect(model.calls).toHaveLength(3);
    expect(model.calls.slice(1).every((call) => call.options.signal?.aborted)).toBe(true);
  });

  it('uses the real timer when no sleep is given', async () => {
    const model = fakeModel(async (_request, _options, call) => {
      if (call === 1) throw retryable('busy');
      return result('ok');
    });
    const outcomes: RequestOutcome[] = [];
    await runRequests({
      model,
      plan: plan(1),
      concurrency: 1,
      maxRetries: 1,
      timeoutMs: 1_000,
      retryBaseDelayMs: 10,
      getCached: () => undefined,
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    expect(outcomes[0]?.attempts).toBe(2);
  });
});
