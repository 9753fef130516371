import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CallCancellation, CallOptions } from '../../spec/language-model.ts';
import { CancelledError } from '../../spec/errors.ts';
import { callAborted, deadlineError, startCallDeadline } from './call-deadline.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startCallDeadline', () => {
  it("watches the caller's cancellation instead of its signal, which it never reads", () => {
    let listener: (() => void) | undefined;
    const cancellation = {
      fired: false as boolean,
      reason: undefined as unknown,
      watch: (watcher: () => void) => (listener = watcher),
      unwatch: (watcher: () => void) => {
        if (listener === watcher) listener = undefined;
      },
    } satisfies CallCancellation;
    const callOptions: CallOptions = {
      get signal(): AbortSignal {
        throw new Error('the signal was read');
      },
      cancellation,
      timeoutMs: 60_000,
    };
    const deadline = startCallDeadline(callOptions);
    const told: string[] = [];
    deadline.watch(() => told.push('told'));
    expect(listener).toBeDefined();
    const reason = new CancelledError('stopped by the runner');
    cancellation.fired = true;
    cancellation.reason = reason;
    listener?.();
    expect(told).toEqual(['told']);
    expect(deadline.firedBy).toBe('caller');
    expect(deadline.signal?.reason).toBe(reason);
    expect(deadlineError({ deadline, callOptions, provider: 'fake', target: 'memory://' })).toBe(reason);
    deadline.dispose();
    expect(listener).toBeUndefined();
  });

  it('fires at once for a cancellation that already fired', () => {
    const reason = new Error('gone');
    const deadline = startCallDeadline({
      cancellation: { fired: true, reason, watch: () => undefined, unwatch: () => undefined },
    });
    expect(deadline.bounded).toBe(true);
    expect(deadline.firedBy).toBe('caller');
    expect(deadline.signal?.reason).toBe(reason);
    deadline.dispose();
  });

  it('tells its watchers once when the timeout runs out, and makes an already-aborted signal when asked later', async () => {
    const deadline = startCallDeadline({ timeoutMs: 10 });
    let calls = 0;
    deadline.watch(() => (calls += 1));
    expect(deadline.firedBy).toBeUndefined();
    await sleep(40);
    expect(calls).toBe(1);
    expect(deadline.firedBy).toBe('timeout');
    expect(deadline.signal?.aborted).toBe(true);
    expect((deadline.signal?.reason as Error).message).toBe('timeout');
    deadline.dispose();
  });

  it('aborts a signal made before it fired, with the caller’s reason, and tells watchers; unwatched ones are not told', () => {
    const caller = new AbortController();
    const deadline = startCallDeadline({ signal: caller.signal, timeoutMs: 60_000 });
    const signal = deadline.signal;
    const told: string[] = [];
    const dropped = () => told.push('dropped');
    deadline.watch(() => told.push('kept'));
    deadline.watch(dropped);
    deadline.unwatch(dropped);
    const reason = new Error('stop now');
    caller.abort(reason);
    expect(told).toEqual(['kept']);
    expect(deadline.firedBy).toBe('caller');
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBe(reason);
    deadline.dispose();
  });

  it('fires at once for an already-aborted caller signal, and never after dispose', async () => {
    const caller = new AbortController();
    caller.abort();
    expect(startCallDeadline({ signal: caller.signal }).firedBy).toBe('caller');
    const deadline = startCallDeadline({ timeoutMs: 5 });
    let calls = 0;
    deadline.watch(() => (calls += 1));
    deadline.dispose();
    await sleep(20);
    expect(calls).toBe(0);
    expect(deadline.firedBy).toBeUndefined();
  });

  it('listens on the caller’s signal once, until dispose, and fires once however often it aborts', () => {
    const caller = new AbortController();
    const deadline = startCallDeadline({ signal: caller.signal, timeoutMs: 60_000 });
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    let calls = 0;
    deadline.watch(() => (calls += 1));
    caller.abort();
    caller.signal.dispatchEvent(new Event('abort'));
    expect(calls).toBe(1);
    deadline.dispose();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    const later = new AbortController();
    const disposed = startCallDeadline({ signal: later.signal });
    disposed.dispose();
    expect(getEventListeners(later.signal, 'abort')).toHaveLength(0);
    later.abort();
    expect(disposed.firedBy).toBeUndefined();
  });

  it('is unbounded, with no signal, when the call has neither a signal nor a timeout', () => {
    const deadline = startCallDeadline({});
    expect(deadline.bounded).toBe(false);
    expect(deadline.signal).toBeUndefined();
    expect(startCallDeadline({ timeoutMs: 1000 }).bounded).toBe(true);
  });
});

describe('callAborted', () => {
  it('reads the deadline when the context has one, else the signal', () => {
    const controller = new AbortController();
    controller.abort();
    expect(callAborted({ signal: controller.signal })).toBe(true);
    expect(callAborted({ signal: undefined })).toBe(false);
    const deadline = startCallDeadline({ timeoutMs: 60_000 });
    expect(callAborted({ signal: controller.signal, deadline })).toBe(false);
    deadline.dispose();
  });
});
