import { describe, expect, it } from 'vitest';
import { nextArrivalGapMs } from './arrival-schedule.ts';
import type { LoadClock } from './load-clock.ts';
import { runLoadStep } from './run-load-step.ts';
import { createLoadRandom } from './load-random.ts';
import type { RequestOutcome } from './streaming-client.ts';

/** Virtual time: sleeps resolve in time order whenever nothing else is left to run. */
function virtualClock(): { clock: LoadClock; run<T>(work: Promise<T>): Promise<T> } {
  let now = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  const clock: LoadClock = {
    now: () => now,
    sleep: (milliseconds) =>
      new Promise<void>((resolve) => {
        if (milliseconds <= 0) resolve();
        else timers.push({ at: now + milliseconds, resolve });
      }),
  };
  const idle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    clock,
    async run(work) {
      let done = false;
      const result = work.finally(() => (done = true));
      for (;;) {
        await idle();
        if (done) return result;
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) throw new Error('stuck: nothing scheduled');
        now = next.at;
        next.resolve();
      }
    },
  };
}

/** A server answering every request in `latencyMs` with one text chunk at `ttftMs`. */
function virtualClient(clock: LoadClock, latencyMs: number, ttftMs: number) {
  const state = { inFlight: 0, maxInFlight: 0, sendTimes: [] as number[] };
  return {
    state,
    send: async (): Promise<RequestOutcome> => {
      const startMs = clock.now();
      state.sendTimes.push(startMs);
      state.inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      await clock.sleep(latencyMs);
      state.inFlight -= 1;
      return { startMs, textChunkTimesMs: [startMs + ttftMs], endMs: clock.now(), completionTokens: 1 };
    },
  };
}

const request = () => ({ prompt: 'p', maxTokens: 1, ignoreEos: true });

describe('runLoadStep', () => {
  it('closed loop: keeps exactly `concurrency` requests in flight until the cap', async () => {
    const { clock, run } = virtualClock();
    const client = virtualClient(clock, 100, 10);
    const result = await run(
      runLoadStep({
        client,
        load: { type: 'concurrency', concurrency: 3 },
        nextRequest: request,
        maxRequests: 10,
        clock,
        random: createLoadRandom(1),
      }),
    );
    expect(client.state.maxInFlight).toBe(3);
    expect(client.state.sendTimes).toEqual([0, 0, 0, 100, 100, 100, 200, 200, 200, 300]);
    expect({ outcomes: result.outcomes.length, startMs: result.startMs, endMs: result.endMs }).toEqual({
      outcomes: 10,
      startMs: 0,
      endMs: 400,
    });
  });

  it('closed loop with a duration: stops sending once it has passed and lets requests in flight finish', async () => {
    const { clock, run } = virtualClock();
    const client = virtualClient(clock, 100, 10);
    const result = await run(
      runLoadStep({
        client,
        load: { type: 'concurrency', concurrency: 2 },
        nextRequest: request,
        durationMs: 250,
        clock,
        random: createLoadRandom(1),
      }),
    );
    expect(client.state.sendTimes).toEqual([0, 0, 100, 100, 200, 200]);
    expect(result.endMs).toBe(300);
  });

  it('open loop: sends at the seeded gamma arrival times whatever is in flight', async () => {
    const { clock, run } = virtualClock();
    const client = virtualClient(clock, 1000, 10);
    await run(
      runLoadStep({
        client,
        load: { type: 'request-rate', requestRate: 20, burstiness: 0.5 },
        nextRequest: request,
        maxRequests: 30,
        clock,
        random: createLoadRandom(9),
      }),
    );
    const random = createLoadRandom(9);
    const expected = [0];
    for (let index = 1; index < 30; index++) {
      expected.push(
        (expected.at(-1) as number) + nextArrivalGapMs({ requestRate: 20, burstiness: 0.5, random }),
      );
    }
    expect(client.state.sendTimes).toEqual(expected);
    expect(client.state.maxInFlight).toBeGreaterThan(10);
  });
});

describe('createLoadRandom', () => {
  it('repeats with the seed and draws gamma variates with mean shape × scale', () => {
    expect(createLoadRandom(3).next()).toBe(createLoadRandom(3).next());
    for (const shape of [0.5, 1, 4]) {
      const random = createLoadRandom(42);
      let sum = 0;
      for (let index = 0; index < 20_000; index++) sum += random.gamma(shape, 2);
      expect(sum / 20_000).toBeCloseTo(shape * 2, 0);
      expect(Math.abs(sum / 20_000 / (shape * 2) - 1)).toBeLessThan(0.03);
    }
  });
});
